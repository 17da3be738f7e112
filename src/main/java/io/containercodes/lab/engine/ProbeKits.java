package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probe kit: a lab-owned named volume holding the static busybox of the lab's busybox image,
 * which {@link TwinProbe} mounts read-only into a twin. It is filled through the engine (a
 * container from that image copies its /bin/busybox in), so it works where the engine cannot see
 * the lab's files (a remote engine, a VM); made once per engine and image, and reused by every run
 * after: its name holds the image's id, so a rebuilt busybox image (a changed recipe or host
 * busybox) gets a new kit, and the old ones are removed when the new one is made.
 *
 * <p>Labelled like every lab object, with its creator as owner: {@code cclab clean} removes it once
 * that process is gone and no container uses it, and the next run makes it again. A volume of the
 * kit's name without the lab's label is one the engine made empty (a twin created in the moment
 * after a clean removed the kit: both engines create a missing named volume), and is replaced.
 */
final class ProbeKits {
  static final String KIT = "io.containercodes.lab.kit";
  static final String KIT_IMAGE = "io.containercodes.lab.kit.image";
  static final String NAME_PREFIX = "cclab-probe-kit-";

  /**
   * Copies the image's busybox under a temporary name and renames it into place: a twin that mounts
   * the kit while another process fills it sees the whole binary or none.
   */
  private static final String FILL =
      "cp /bin/busybox /kit/.busybox.$$ && chmod 0755 /kit/.busybox.$$"
          + " && mv -f /kit/.busybox.$$ /kit/busybox";

  private final DockerClient client;
  private final ContainerRunner runner;
  private final Map<String, String> ready = new LinkedHashMap<>();

  ProbeKits(DockerClient client, ContainerRunner runner) {
    this.client = client;
    this.runner = runner;
  }

  /**
   * Named volumes are the lab's own (this kit): a spec from outside the engine mounts none, so the
   * guardrails, which judge host paths, never have to judge one.
   */
  static void refuseVolumes(RunSpec spec) {
    if (!spec.volumes().isEmpty()) {
      throw new InvalidInput(
          "The lab mounts no named volume for a line ("
              + spec.volumes().get(0).name()
              + "): volumes are its own.",
          "Mount a host path with -v, or a tmpfs with --tmpfs.");
    }
  }

  /** The kit's volume for this busybox image, made and filled when there is none. */
  synchronized String ensure(String busyboxImage) {
    String id = imageId(busyboxImage);
    String name = NAME_PREFIX + id;
    if (ready.containsKey(name)) {
      return name;
    }
    InspectVolumeResponse existing = inspect(name);
    if (existing != null && !isKit(existing)) {
      removeQuietly(name);
      existing = null;
    }
    if (existing == null) {
      create(name, id);
      fill(name, busyboxImage);
      removeOtherKits(name);
    }
    ready.put(name, busyboxImage);
    return name;
  }

  /** Forgets a kit that failed, removing it when nothing uses it, so that ensure makes it again. */
  synchronized void discard(String name) {
    ready.remove(name);
    removeQuietly(name);
  }

  private String imageId(String image) {
    try {
      String id = client.inspectImageCmd(image).exec().getId();
      String hex = id.startsWith("sha256:") ? id.substring(7) : id;
      return hex.substring(0, Math.min(16, hex.length()));
    } catch (NotFoundException e) {
      throw new EnvironmentProblem(
          "The lab's probe kit is made from " + image + ", which the engine does not have.",
          "Run 'cclab images prepare'.",
          e);
    }
  }

  private InspectVolumeResponse inspect(String name) {
    try {
      return client.inspectVolumeCmd(name).exec();
    } catch (NotFoundException e) {
      return null;
    }
  }

  private static boolean isKit(InspectVolumeResponse v) {
    return v.getLabels() != null && "probe".equals(v.getLabels().get(KIT));
  }

  private void create(String name, String imageId) {
    Map<String, String> labels = new LinkedHashMap<>(LabLabels.forNewObject());
    labels.put(KIT, "probe");
    labels.put(KIT_IMAGE, imageId);
    try {
      client.createVolumeCmd().withName(name).withLabels(labels).exec();
    } catch (ConflictException e) {
      // another lab process made it a moment ago (Podman refuses a second create; Docker returns
      // the existing volume): filling it again below is harmless
    }
  }

  private void fill(String name, String busyboxImage) {
    RunSpec filler =
        RunSpec.builder(busyboxImage)
            .command("sh", "-c", FILL)
            .volume(new RunSpec.VolumeMount(name, "/kit", false))
            .network("none")
            .capDrop("ALL")
            .securityOpt("no-new-privileges")
            .readOnlyRoot(true)
            .memoryBytes(64L << 20)
            .pidsLimit(32L)
            .timeout(Duration.ofSeconds(60))
            .build();
    Outcome o;
    try {
      o = runner.run(filler, OutputListener.IGNORE);
    } catch (DockerException e) {
      removeQuietly(name);
      throw new EnvironmentProblem(
          "The engine could not fill the lab's probe kit: " + EngineClients.rootMessage(e),
          "Run 'cclab doctor'.",
          e);
    }
    if (o.exitCode() != 0) {
      removeQuietly(name);
      throw new EnvironmentProblem(
          "The lab's probe kit could not be filled from "
              + busyboxImage
              + " (exit status "
              + o.exitCode()
              + "): "
              + o.stderr().text().strip(),
          "Run 'cclab images prepare' to rebuild the busybox image.");
    }
  }

  /** Kits of earlier busybox images: removed when a new one is made, unless a run uses them. */
  private void removeOtherKits(String current) {
    List<InspectVolumeResponse> kits =
        client.listVolumesCmd().withFilter("label", List.of(KIT + "=probe")).exec().getVolumes();
    if (kits == null) {
      return;
    }
    kits.stream()
        .map(InspectVolumeResponse::getName)
        .filter(n -> !n.equals(current))
        .forEach(this::removeQuietly);
  }

  private void removeQuietly(String name) {
    try {
      client.removeVolumeCmd(name).exec();
    } catch (RuntimeException e) {
      // gone already, or a container still uses it: the next clean tries again
    }
  }
}
