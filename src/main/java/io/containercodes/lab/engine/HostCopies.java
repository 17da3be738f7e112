package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.containercodes.lab.EnvironmentProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The lab's own folders (a demo's scratch copy or assets, the sandbox's run folder and tracer kit,
 * the audit's kit) brought to an engine the lab measured not to see this machine's files (issue
 * 23.3: a remote engine, a VM without the folder shared). Each folder becomes a labelled volume,
 * filled through the engine's archive API by way of a holder container that is never started, and
 * the run binds the volume's folder by the engine's own path ({@code Mountpoint}): a bind it stays,
 * so {@code :ro} and a single-file bind keep their meaning. After the run, what the container wrote
 * comes back through the archive API ({@link FolderArchive}, which follows no link), and the holder
 * and volumes are removed; a lab that dies first leaves labelled objects {@code cclab clean} and
 * the stale-object reaper remove.
 *
 * <p>The engine's record of the container names the volume's folder; {@link #hostPathOf} gives the
 * folder the line wrote back, so every check and verdict judges the line as written: the copy is
 * the lab's substitution, and never counts as the learner's protection.
 */
final class HostCopies {
  /** The label of a copy's volume and holder. */
  static final String COPY = "io.containercodes.lab.copy";

  private static final String MOUNT = "/.cclab-copy";

  /** Engine path of a live copy → the host folder it stands for (for the record's readers). */
  private static final Map<String, String> HOST_OF = new ConcurrentHashMap<>();

  private final DockerClient client;
  private final WorkingFolders folders;
  private final Consumer<String> notice;
  private final AtomicBoolean said = new AtomicBoolean();

  /** True where the engine sees none of this machine's files, false where it sees some folders. */
  private final java.util.function.BooleanSupplier seesNone;

  /** This process's objects: a copy made while Ctrl-C stops the lab is removed with the rest. */
  private final LiveObjects live;

  HostCopies(
      DockerClient client,
      WorkingFolders folders,
      Consumer<String> notice,
      java.util.function.BooleanSupplier seesNone,
      LiveObjects live) {
    this.client = client;
    this.folders = folders;
    this.notice = notice;
    this.seesNone = seesNone;
    this.live = live;
  }

  /** The host folder an engine path of a live copy stands for, or the path itself. */
  static String hostPathOf(String enginePath) {
    return enginePath == null ? null : HOST_OF.getOrDefault(enginePath, enginePath);
  }

  /** Whether a bind's source is one of the lab's own folders, which it copies. */
  boolean copies(RunSpec.BindMount b) {
    return folders.isLabs(Guardrails.real(Path.of(b.hostPath())));
  }

  /** Copies the spec's lab folders in; the returned run's spec binds the copies instead. */
  Copied copyIn(RunSpec spec, Predicate<RunSpec.BindMount> which) {
    Copied c = new Copied(spec, which);
    try {
      c.make();
      return c;
    } catch (RuntimeException | IOException e) {
      c.close();
      throw failed(e);
    }
  }

  private static EnvironmentProblem failed(Exception e) {
    return new EnvironmentProblem(
        "The lab could not copy its folders into the engine, which does not see this machine's"
            + " files: "
            + (e instanceof RuntimeException r ? EngineClients.rootMessage(r) : e.getMessage()),
        "Run 'cclab doctor'.",
        e);
  }

  /**
   * Gives {@code use} the engine's path of a copy of {@code folder}, removed after: a folder of
   * seccomp profiles the creator wrote for Podman, whose API takes a profile's path and reads the
   * file at the create.
   */
  static <T> T onEngine(
      DockerClient client, LiveObjects live, String image, Path folder, Function<String, T> use) {
    Copy c = null;
    try {
      c = copy(client, live, image, folder);
      return use.apply(c.mountpoint());
    } catch (IOException e) {
      throw failed(e);
    } finally {
      if (c != null) {
        remove(client, live, c);
      }
    }
  }

  /**
   * A labelled volume holding a copy of {@code source}, filled through its holder container. Both
   * are created through {@code live}: once Ctrl-C has begun the lab's clean-up none is created, and
   * one under way is removed by it (a holder made after the clean-up listed this process's objects
   * was left behind, InterruptIT).
   */
  private static Copy copy(DockerClient client, LiveObjects live, String image, Path source)
      throws IOException {
    Map<String, String> labels = new LinkedHashMap<>(LabLabels.forNewObject());
    labels.put(COPY, "1");
    String volume =
        live.createVolume(() -> client.createVolumeCmd().withLabels(labels).exec().getName());
    String holder;
    try {
      holder = live.createContainer(() -> holder(client, image, volume, labels));
    } catch (RuntimeException e) {
      remove(client, live, new Copy(volume, null, null));
      throw e;
    }
    Copy c = new Copy(volume, holder, null);
    try {
      client
          .copyArchiveToContainerCmd(holder)
          .withRemotePath(MOUNT)
          .withTarInputStream(new ByteArrayInputStream(FolderArchive.of(source)))
          .exec();
      return new Copy(volume, holder, client.inspectVolumeCmd(volume).exec().getMountpoint());
    } catch (RuntimeException | IOException e) {
      remove(client, live, c);
      throw e;
    }
  }

  /** A container never started, mounting the volume at MOUNT for the archive API. */
  private static String holder(
      DockerClient client, String image, String volume, Map<String, String> labels) {
    return client
        .createContainerCmd(image)
        .withLabels(labels)
        .withEntrypoint("true")
        .withHostConfig(
            HostConfig.newHostConfig()
                .withBinds(new Bind(volume, new Volume(MOUNT)))
                .withNetworkMode("none"))
        .exec()
        .getId();
  }

  private static void remove(DockerClient client, LiveObjects live, Copy c) {
    Uninterrupted.run(
        () -> {
          try {
            if (c.holder() != null) {
              client.removeContainerCmd(c.holder()).withForce(true).exec();
              live.remove(c.holder());
            }
            client.removeVolumeCmd(c.volume()).exec();
            live.removeVolume(c.volume());
          } catch (RuntimeException e) {
            // the reaper and cclab clean remove them: they are labelled
          }
        });
  }

  private void sayOnce() {
    if (!said.compareAndSet(false, true)) {
      return;
    }
    notice.accept(
        seesNone.getAsBoolean()
            ? "This engine does not see this machine's files; the lab copies its own folders (the"
                + " demo's files, the sandbox's and the audit's) into each container through the"
                + " engine, and brings back what the container writes there."
            : "This engine does not see some of this machine's folders (cclab doctor lists them);"
                + " the lab copies its own folders there into each container through the engine,"
                + " and brings back what the container writes there.");
  }

  /** One folder's copy: its volume, the holder container that mounts it, its engine path. */
  private record Copy(String volume, String holder, String mountpoint) {}

  /** The copies of one run: made by {@link #copyIn}, read back and removed by the caller. */
  final class Copied implements java.io.Closeable {
    private final RunSpec spec;
    private final List<Copy> made = new ArrayList<>();
    private final Map<RunSpec.BindMount, Copy> copied = new LinkedHashMap<>();
    private final List<String> enginePaths = new ArrayList<>();
    private RunSpec sent;

    private final Predicate<RunSpec.BindMount> which;

    private Copied(RunSpec spec, Predicate<RunSpec.BindMount> which) {
      this.spec = spec;
      this.which = which;
    }

    /** The spec the engine gets: the lab's folders replaced by their copies' engine paths. */
    RunSpec sent() {
      return sent;
    }

    private void make() throws IOException {
      List<RunSpec.BindMount> binds = new ArrayList<>();
      for (RunSpec.BindMount b : spec.binds()) {
        binds.add(which.test(b) ? bindOfCopy(b) : b);
      }
      sent = spec.toBuilder().binds(binds).build();
    }

    /** Copies a bind's source in and returns the bind of its engine path in the line's place. */
    private RunSpec.BindMount bindOfCopy(RunSpec.BindMount b) throws IOException {
      Path source = Guardrails.real(Path.of(b.hostPath()));
      Copy c = copy(source);
      copied.put(b, c);
      boolean file = !Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
      String enginePath = file ? c.mountpoint() + "/" + source.getFileName() : c.mountpoint();
      enginePaths.add(enginePath);
      HOST_OF.put(enginePath, source.toString());
      return new RunSpec.BindMount(enginePath, b.containerPath(), b.readOnly(), b.options());
    }

    private Copy copy(Path source) throws IOException {
      sayOnce();
      Copy c = HostCopies.copy(client, live, spec.image(), source);
      made.add(c);
      return c;
    }

    /** Brings back what the container wrote into each writable copy. */
    void readBack() {
      copied.forEach(
          (b, c) -> {
            if (!b.readOnly()) {
              readBack(c, Guardrails.real(Path.of(b.hostPath())));
            }
          });
    }

    private void readBack(Copy c, Path target) {
      boolean file = !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
      try (InputStream in = client.copyArchiveFromContainerCmd(c.holder(), MOUNT).exec()) {
        FolderArchive.extract(in, target, file);
      } catch (IOException e) {
        throw new EnvironmentProblem(
            "The lab could not bring back what the container wrote into its copy of "
                + target
                + ": "
                + e.getMessage(),
            "Run 'cclab doctor'.",
            e);
      }
    }

    /** Removes the holders and the volumes, also when the run failed. */
    @Override
    public void close() {
      enginePaths.forEach(HOST_OF::remove);
      made.forEach(c -> remove(client, live, c));
    }
  }
}
