package io.containercodes.lab.images;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.LabLabels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lab image built by the engine from its upstream base, for a machine that cannot build it from
 * its own binaries (no static busybox, not root, not Debian, an engine in a VM): a Containerfile
 * sent through the engine's build API, {@code FROM} the base pinned by the digest the engine
 * recorded when it pulled it, adding what the lessons rely on (the unprivileged {@code lab} user,
 * uid 1000, with a home; {@code /usr/bin/env}; a world-writable /tmp) and the lab's labels. The
 * same steps work on busybox and on Debian (python:3.x-slim), as they edit files with the shell
 * both have.
 */
final class EngineRecipe {
  /** Bump when the steps below change: an image built from older steps is rebuilt. */
  static final String LAYOUT_VERSION = "engine-build-1";

  /** What {@code LabLabels.SOURCE} says of an image built this way. */
  static final String SOURCE = "engine";

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

  /** Idempotent: a base that already has a lab user (a lab image as the base) keeps it. */
  private static final String STEPS =
      "grep -q '^lab:' /etc/passwd || echo 'lab:x:1000:1000:lab:/home/lab:/bin/sh' >> /etc/passwd"
          + " && (grep -q '^lab:' /etc/group || echo 'lab:x:1000:' >> /etc/group)"
          + " && mkdir -p /home/lab /usr/bin && chown 1000:1000 /home/lab && chmod 1777 /tmp"
          + " && ([ -e /usr/bin/env ] || ln -s /bin/env /usr/bin/env)"
          + " && rm -f /usr/lib/python3*/EXTERNALLY-MANAGED";

  /**
   * The tracer's own step: Debian's strace from the base's apt sources (the build's one step with a
   * network, see {@link #needsNetwork}); the package lists are removed again, which the image would
   * otherwise carry for nothing.
   */
  private static final String TRACER_STEPS =
      "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
          + " --no-install-recommends strace && rm -rf /var/lib/apt/lists/* && strace -V";

  private final Engine engine;

  EngineRecipe(Engine engine) {
    this.engine = engine;
  }

  /** Changes with the steps and the base's digest, never with the host. */
  static String hash(String pinnedBase) {
    return hash(ImageCatalog.BUSYBOX, pinnedBase);
  }

  /** The same for {@code entry}: its own steps count too (none but the tracer's). */
  static String hash(ImageCatalog.Entry entry, String pinnedBase) {
    return ImageArchive.sha256(
            (LAYOUT_VERSION + STEPS + ownSteps(entry) + pinnedBase)
                .getBytes(StandardCharsets.UTF_8))
        .substring(0, 16);
  }

  /** What an image adds to the common steps: "" for all but the tracer. */
  private static String ownSteps(ImageCatalog.Entry entry) {
    return entry.equals(ImageCatalog.TRACER) ? TRACER_STEPS : "";
  }

  /**
   * Only the tracer's build fetches packages; the others only edit files and are built with no
   * network at all.
   */
  static boolean needsNetwork(ImageCatalog.Entry entry) {
    return !ownSteps(entry).isEmpty();
  }

  /** The labels every lab image carries, as this build sets them. */
  static Map<String, String> labels(ImageCatalog.Entry entry, String pinnedBase) {
    return Map.of(
        LabLabels.IMAGE, entry.name(),
        LabLabels.RECIPE, hash(entry, pinnedBase),
        LabLabels.SOURCE, SOURCE);
  }

  static String containerfile(ImageCatalog.Entry entry, String pinnedBase) {
    StringBuilder f = new StringBuilder("FROM ").append(pinnedBase).append('\n');
    f.append("USER root\n");
    f.append("RUN ").append(STEPS).append('\n');
    if (needsNetwork(entry)) {
      f.append("RUN ").append(ownSteps(entry)).append('\n');
    }
    for (Map.Entry<String, String> l : new TreeMap<>(labels(entry, pinnedBase)).entrySet()) {
      f.append("LABEL ").append(l.getKey()).append("=").append(quoted(l.getValue())).append('\n');
    }
    return f.toString();
  }

  private static String quoted(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * Builds {@code entry} from {@code base}, which must be on the engine, pulled from a registry.
   *
   * @return the built image's id
   */
  String build(ImageCatalog.Entry entry, String base) {
    String pinned =
        engine
            .pinnedReference(base)
            .orElseThrow(
                () ->
                    new EnvironmentProblem(
                        base
                            + " is on the engine without a registry digest, so a build cannot pin"
                            + " it; pull it from a registry, or load a bundle of the lab's"
                            + " images.",
                        null));
    ImageArchive.Layer context = new ImageArchive.Layer();
    context.file(
        "Containerfile", 0644, containerfile(entry, pinned).getBytes(StandardCharsets.UTF_8));
    return engine.buildImage(
        new ByteArrayInputStream(context.finish()),
        entry.reference(),
        BUILD_TIMEOUT,
        needsNetwork(entry));
  }
}
