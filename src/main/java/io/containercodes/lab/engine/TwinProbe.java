package io.containercodes.lab.engine;

import io.containercodes.lab.InvalidInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The twin of a learner's container: the same spec (image, flags, mounts, user, seccomp,
 * capabilities, network, limits) with the lab's probe as its entrypoint and command, so what the
 * probe reports is what that configuration gives any program, and nothing of it is text the
 * learner's command printed: the twin never runs that command, nor the line's health check.
 *
 * <p>The probe runs from the probe kit, a lab-owned volume holding a static busybox ({@link
 * ProbeKits}), mounted read-only at {@code /.cclab-probe-NONCE}: a path the line cannot know in
 * advance, and one it may not shadow (a spec that mounts anything at {@code /.cclab…} is refused).
 * Every program the probe runs is that busybox by its full path, so no file of the image or of a
 * mount runs either.
 */
public final class TwinProbe {
  /** What no line may mount at or under: the lab's own mount points. */
  public static final String RESERVED = "/.cclab";

  /** How long the probe may take; it takes well under a second. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Marks the twin, for anyone listing the lab's containers. */
  static final String LABEL = "io.containercodes.lab.twin";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TwinProbe() {}

  /** 64 random bits in hex: the kit's mount point and the prefix of every line the probe prints. */
  public static String newNonce() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Where the kit is mounted in a twin with this nonce. */
  public static String kitPath(String nonce) {
    return "/.cclab-probe-" + nonce;
  }

  /**
   * The twin of {@code spec}: its configuration, the probe in place of its command.
   *
   * @param kitVolume the probe kit's volume ({@link ProbeKits#ensure})
   * @throws InvalidInput when the spec mounts anything at {@value #RESERVED}…, where the kit goes
   */
  public static RunSpec spec(RunSpec spec, String kitVolume, String nonce) {
    refuseReserved(spec);
    String kit = kitPath(nonce);
    return spec.toBuilder()
        .entrypoint(List.of(kit + "/busybox"))
        .command("sh", "-c", script(), "cclab-probe", nonce, kit)
        .volume(new RunSpec.VolumeMount(kitVolume, kit, true))
        .healthCmd(null)
        .restartPolicy(null)
        .clearPublish()
        .captureChanges(false)
        .captureEvents(false)
        .timeout(TIMEOUT)
        .label(LABEL, "1")
        .build();
  }

  /** A spec whose mounts reach into the lab's reserved paths cannot have a twin. */
  static void refuseReserved(RunSpec spec) {
    Stream<String> targets =
        Stream.of(
                spec.binds().stream().map(RunSpec.BindMount::containerPath),
                spec.tmpfs().stream().map(RunSpec.Tmpfs::containerPath),
                spec.volumes().stream().map(RunSpec.VolumeMount::containerPath),
                spec.devices().stream().map(RunSpec.Device::containerPath))
            .flatMap(s -> s);
    targets
        .filter(t -> t != null && normalised(t).startsWith(RESERVED))
        .findFirst()
        .ifPresent(
            t -> {
              throw new InvalidInput(
                  "The line mounts something at " + t + ".",
                  "Paths starting with "
                      + RESERVED
                      + " are the lab's own: its probe is mounted there. Mount elsewhere.");
            });
  }

  private static String normalised(String path) {
    String p = path.replaceAll("/+", "/");
    return p.startsWith("/") ? p : "/" + p;
  }

  /** The probe script (src/main/resources/…/engine/twin-probe.sh), passed to sh -c. */
  static String script() {
    try (InputStream in = TwinProbe.class.getResourceAsStream("twin-probe.sh")) {
      if (in == null) {
        throw new IllegalStateException("twin-probe.sh is missing from the lab's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
