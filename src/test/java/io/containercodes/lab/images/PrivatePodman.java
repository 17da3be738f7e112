package io.containercodes.lab.images;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineConnector;
import io.containercodes.lab.engine.PodmanAdaptations;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.HostFacts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Podman 4.3 service of a test's own, empty, as a learner's machine without the lab's images has
 * it: its own storage (/var/lib/NAME, no additional store, so nothing of the shared service's
 * images shows), run root, network and configuration (/run/NAME), and the registries.conf the lab's
 * own Podman service writes ({@link PodmanAdaptations}) for {@code CCLAB_REGISTRY_MIRROR} set to
 * the test's {@link LoopbackRegistry}, which it seeds with the lab's images under their upstream
 * names (read from the shared engine, never changed there), its python:3.11-slim stand-in with the
 * {@link LocalAptRepository} the tracer image's build installs strace from. {@link #close()} stops
 * it and removes its folders; the shared service at /run/cclab is never touched.
 */
final class PrivatePodman implements AutoCloseable {
  private final String name;
  private final Path run;
  private final Path data;
  private Process service;
  private Engine engine;
  private LoopbackRegistry registry;

  private PrivatePodman(String name) {
    this.name = name;
    this.run = Path.of("/run", name);
    this.data = Path.of("/var/lib", name);
  }

  /** Starts the registry and the service, and seeds the registry; {@code work} holds archives. */
  static PrivatePodman start(String name, Path work) throws Exception {
    PrivatePodman p = new PrivatePodman(name);
    p.removeFolders(); // an aborted run's storage would hold images the test expects to build
    try {
      p.registry = LoopbackRegistry.start();
      p.startService();
      p.engine =
          new EngineConnector(Map.of(EngineConnector.HOST_VARIABLE, p.host()), null, m -> {})
              .connect();
      for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
        p.seed(entry, work);
      }
      return p;
    } catch (Exception | AssertionError e) {
      p.close();
      throw e;
    }
  }

  String host() {
    return "unix://" + run.resolve("podman.sock");
  }

  Engine engine() {
    return engine;
  }

  LoopbackRegistry registry() {
    return registry;
  }

  /** The lab's containers.conf for this host, with this service's own places and network. */
  private void startService() throws Exception {
    PodmanAdaptations lab =
        PodmanAdaptations.forHost(
            HostFacts.read(), Files.isExecutable(Path.of("/usr/bin/runc")), registry.address());
    Files.createDirectories(run.resolve("networks"));
    Files.createDirectories(data);
    Files.writeString(
        run.resolve("containers.conf"),
        lab.containersConf()
                .replace("[engine]\n", "[engine]\ntmp_dir = \"" + run.resolve("libpod") + "\"\n")
            + "[network]\nnetwork_config_dir = \""
            + run.resolve("networks")
            + "\"\n"
            + "default_network = \""
            + name
            + "\"\ndefault_subnet = \"10.89.252.0/24\"\n");
    Files.writeString(
        run.resolve("storage.conf"),
        "[storage]\ndriver = \"overlay\"\ngraphroot = \""
            + data.resolve("storage")
            + "\"\nrunroot = \""
            + run.resolve("storage")
            + "\"\n");
    Files.writeString(run.resolve("registries.conf"), lab.registriesConf());
    ProcessBuilder pb =
        new ProcessBuilder("podman", "system", "service", "--time=0", host())
            .directory(run.toFile())
            .redirectErrorStream(true)
            .redirectOutput(run.resolve("service.log").toFile());
    pb.environment().put("CONTAINERS_CONF", run.resolve("containers.conf").toString());
    pb.environment().put("CONTAINERS_STORAGE_CONF", run.resolve("storage.conf").toString());
    pb.environment().put("CONTAINERS_REGISTRIES_CONF", run.resolve("registries.conf").toString());
    service = pb.start();
    for (int i = 0; i < 120 && !answers(); i++) {
      Thread.sleep(250);
    }
    if (!answers()) {
      throw new AssertionError(
          "podman did not answer: " + Files.readString(run.resolve("service.log")));
    }
  }

  private boolean answers() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "curl",
                "-sf",
                "--max-time",
                "2",
                "--unix-socket",
                run.resolve("podman.sock").toString(),
                "http://localhost/_ping")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  /** The lab's image from the shared engine under its upstream name in the registry, only there. */
  private void seed(ImageCatalog.Entry entry, Path work) throws Exception {
    Path archive = work.resolve(entry.name().replace('/', '-') + ".tar");
    try (OutputStream out = Files.newOutputStream(archive)) {
      TestEngine.get().saveImage(entry.reference(), out);
    }
    String upstream = mirrored(entry);
    podman("load", "-i", archive.toString());
    podman("tag", entry.reference(), upstream);
    if (entry.upstream().equals(ImageCatalog.TRACER.upstream())) {
      addLocalAptRepository(upstream, work);
    }
    podman("push", "--tls-verify=false", upstream);
    podman("rmi", entry.reference(), upstream);
  }

  /**
   * Rebuilds the Debian stand-in {@code image} with the {@link LocalAptRepository}, as {@link
   * MirroredDockerd} does: the tracer image's build on this Podman then installs Debian's strace
   * without a network.
   */
  private void addLocalAptRepository(String image, Path work) throws Exception {
    Path context = LocalAptRepository.context(work, image);
    podman(
        "build",
        "--network",
        "none",
        "-f",
        context.resolve("Containerfile").toString(),
        "-t",
        image,
        context.toString());
  }

  /** The entry's upstream base as the lab pulls it through this registry. */
  String mirrored(ImageCatalog.Entry entry) {
    return new LabImages(engine, Map.of("CCLAB_REGISTRY_MIRROR", registry.address()), m -> {})
        .upstreamFor(entry);
  }

  /** The podman CLI on this service; its output, or an AssertionError with it. */
  String podman(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("podman", "--url", host()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError(cmd + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (service != null) {
      service.destroy();
      if (!service.waitFor(30, TimeUnit.SECONDS)) {
        service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (registry != null) {
      registry.close();
    }
    removeFolders();
  }

  /** Never deletes through a mount: one that does not come off is an AssertionError. */
  private void removeFolders() throws Exception {
    for (Path dir : List.of(data, run)) {
      unmountUnder(dir);
      if (!mountsUnder(dir).isEmpty()) {
        throw new AssertionError("still mounted, not removed: " + mountsUnder(dir));
      }
      FileTrees.delete(dir);
    }
  }

  private static List<String> mountsUnder(Path dir) throws IOException {
    List<String> mounts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
      String target = line.split(" ")[1];
      if (target.equals(dir.toString()) || target.startsWith(dir + "/")) {
        mounts.add(target);
      }
    }
    return mounts;
  }

  /** Podman leaves its storage's overlay mounts behind: only its own folders', deepest first. */
  private static void unmountUnder(Path dir) throws Exception {
    List<String> mounts = new ArrayList<>(mountsUnder(dir));
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    for (String m : mounts) {
      new ProcessBuilder("umount", m)
          .redirectErrorStream(true)
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    }
  }
}
