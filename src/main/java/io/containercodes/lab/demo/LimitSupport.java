package io.containercodes.lab.demo;

import io.containercodes.lab.engine.EngineInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the engine's resource limits act on this host. Rootless Podman on cgroup v1 accepts
 * --memory, --cpus and --pids-limit, warns, and runs without them; on cgroup v2 a rootless engine
 * can only use the controllers systemd delegated to the user (memory and pids by default; cpu and
 * io need extra delegation). A demo of a limit is skipped there, never passed.
 *
 * @param memoryAndPids --memory and --pids-limit act
 * @param cpu --cpus acts
 * @param reason why not, for doctor and the skipped steps; "" when everything acts
 */
public record LimitSupport(boolean memoryAndPids, boolean cpu, String reason) {

  public static LimitSupport of(EngineInfo info) {
    return of(info.rootless(), info.cgroupVersion(), delegatedControllers());
  }

  /**
   * @param delegated the controllers delegated to this user (cgroup v2), or null when unknown
   */
  static LimitSupport of(boolean rootless, String cgroupVersion, Set<String> delegated) {
    if (!rootless) {
      return new LimitSupport(true, true, "");
    }
    if ("1".equals(cgroupVersion)) {
      return new LimitSupport(
          false,
          false,
          "limits are not enforced here: a rootless engine on cgroup v1 ignores --memory, --cpus"
              + " and --pids-limit (Podman warns and runs the container without them)");
    }
    Set<String> d =
        delegated == null ? Set.of("memory", "pids") : delegated; // systemd's default delegation
    boolean memoryAndPids = d.contains("memory") && d.contains("pids");
    boolean cpu = d.contains("cpu");
    String missing = (memoryAndPids ? "" : "memory/pids ") + (cpu ? "" : "cpu");
    return new LimitSupport(
        memoryAndPids,
        cpu,
        missing.isBlank()
            ? ""
            : "limits are not enforced here: the "
                + missing.strip()
                + " controller is not delegated to this user (cgroup v2; see systemd's Delegate=)");
  }

  /** cgroup v2: what systemd delegated to this user's service manager. */
  private static Set<String> delegatedControllers() {
    String uid = uidOf();
    Path p =
        Path.of(
            "/sys/fs/cgroup/user.slice/user-"
                + uid
                + ".slice/user@"
                + uid
                + ".service/cgroup.controllers");
    try {
      return Arrays.stream(Files.readString(p).strip().split("\\s+")).collect(Collectors.toSet());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The effective uid: /proc/self belongs to it. */
  private static String uidOf() {
    try {
      return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }
}
