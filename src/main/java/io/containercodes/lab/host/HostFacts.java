package io.containercodes.lab.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the lab needs to know about the host to start an engine on it: cgroup layout, init system,
 * the process limits a container may inherit, and the distribution. Read from /proc and /etc under
 * a root directory so tests can hand it a fake one.
 */
public record HostFacts(
    CgroupLayout cgroups,
    boolean systemdRunning,
    long hardNofile,
    long hardNproc,
    boolean root,
    String osId,
    List<String> osIdLike,
    String osPrettyName) {

  public enum CgroupLayout {
    V1("cgroup v1"),
    HYBRID("cgroup v1 (hybrid, with a v2 mount)"),
    V2("cgroup v2"),
    UNKNOWN("unknown cgroup layout");

    private final String description;

    CgroupLayout(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }

    public boolean isV1() {
      return this == V1 || this == HYBRID;
    }
  }

  public static HostFacts read() {
    return read(Path.of("/"), isRootUser());
  }

  static boolean isRootUser() {
    return "root".equals(System.getProperty("user.name")) || uidFromProc() == 0;
  }

  private static long uidFromProc() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          // trimmed, so no trailing empty field for split to drop
          return Long.parseLong(line.substring(4).trim().split("\\s+", -1)[1]);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    return -1;
  }

  public static HostFacts read(Path root, boolean isRoot) {
    CgroupLayout cgroups = cgroupLayout(read(root.resolve("proc/self/mounts")));
    boolean systemd = Files.isDirectory(root.resolve("run/systemd/system"));
    String limits = read(root.resolve("proc/self/limits"));
    Map<String, String> os = osRelease(read(root.resolve("etc/os-release")));
    return new HostFacts(
        cgroups,
        systemd,
        hardLimit(limits, "Max open files"),
        hardLimit(limits, "Max processes"),
        isRoot,
        os.getOrDefault("ID", "linux"),
        List.of(os.getOrDefault("ID_LIKE", "").split("\\s+")),
        os.getOrDefault("PRETTY_NAME", os.getOrDefault("ID", "Linux")));
  }

  /** Debian and its derivatives (Ubuntu, Mint…), where apt-get is the package manager. */
  public boolean isDebianLike() {
    return osId.equals("debian")
        || osId.equals("ubuntu")
        || osIdLike.contains("debian")
        || osIdLike.contains("ubuntu");
  }

  static CgroupLayout cgroupLayout(String mounts) {
    String fsAtRoot = null;
    boolean unified = false;
    for (String line : mounts.split("\n", -1)) { // an empty line has under 3 fields
      String[] f = line.split(" ", 0); // limit 0, as before: trailing empty fields dropped
      if (f.length < 3) {
        continue;
      }
      if (f[1].equals("/sys/fs/cgroup")) {
        fsAtRoot = f[2];
      } else if (f[1].equals("/sys/fs/cgroup/unified") && f[2].equals("cgroup2")) {
        unified = true;
      }
    }
    if (fsAtRoot == null) {
      return CgroupLayout.UNKNOWN;
    }
    if (fsAtRoot.equals("cgroup2")) {
      return CgroupLayout.V2;
    }
    return unified ? CgroupLayout.HYBRID : CgroupLayout.V1;
  }

  /** The hard column of a /proc/PID/limits line; "unlimited" is Long.MAX_VALUE. */
  static long hardLimit(String limits, String name) {
    for (String line : limits.split("\n", -1)) { // an empty line starts with no limit's name
      if (line.startsWith(name)) {
        String[] f = line.substring(name.length()).trim().split("\\s+", -1); // trimmed
        if (f.length >= 2) {
          return f[1].equals("unlimited") ? Long.MAX_VALUE : parseOr(f[1], Long.MAX_VALUE);
        }
      }
    }
    return Long.MAX_VALUE;
  }

  private static long parseOr(String s, long fallback) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  static Map<String, String> osRelease(String text) {
    Map<String, String> m = new HashMap<>();
    for (String line : text.split("\n", -1)) { // an empty line has no '='
      int eq = line.indexOf('=');
      if (eq > 0) {
        String v = line.substring(eq + 1).trim();
        if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
          v = v.substring(1, v.length() - 1);
        }
        m.put(line.substring(0, eq).trim(), v);
      }
    }
    return m;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  public Optional<String> packageInstallCommand(String... packages) {
    String list = String.join(" ", packages);
    String sudo = root ? "" : "sudo ";
    if (isDebianLike()) {
      return Optional.of(sudo + "apt-get install -y " + list);
    }
    if (osId.equals("fedora") || osIdLike.contains("fedora") || osIdLike.contains("rhel")) {
      return Optional.of(sudo + "dnf install -y " + list.replace("busybox-static", "busybox"));
    }
    if (osId.equals("arch") || osIdLike.contains("arch")) {
      return Optional.of(sudo + "pacman -S --needed " + list.replace("busybox-static", "busybox"));
    }
    if (osId.startsWith("opensuse") || osIdLike.contains("suse")) {
      return Optional.of(sudo + "zypper install -y " + list.replace("busybox-static", "busybox"));
    }
    if (osId.equals("alpine")) {
      return Optional.of(sudo + "apk add " + list.replace("busybox-static", "busybox-static"));
    }
    return Optional.empty();
  }
}
