package io.containercodes.lab.runline;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.RunSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One run flag's value, as the line wrote it, into the spec's vocabulary: each error names the flag
 * and the value together, so the learner sees which word to fix.
 */
final class RunFlagValues {
  private RunFlagValues() {}

  /**
   * The smallest memory limit worth running: Docker refuses less, and under Podman runc fails to
   * start the container (measured: 1k → "unable to set memory limit to 1024 (current usage:
   * 2297856…)").
   */
  static final long MIN_MEMORY = 6L << 20;

  /** Beyond this a "size" is a typo, not a machine: it would only overflow further down. */
  private static final long MAX_SIZE = 1L << 60;

  /**
   * A run's time limit: whole seconds, at least one (0 would kill the container before it starts).
   */
  public static int timeoutSeconds(String flag, String value) {
    int s = integer(flag, value);
    if (s < 1) {
      throw new InvalidInput(
          flag + " " + Quote.input(value) + ": a time limit is at least 1 second.",
          "Leave it out for the default of " + RunSpec.DEFAULT_TIMEOUT.toSeconds() + " s.");
    }
    return s;
  }

  /**
   * {@code -p [IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]}, IPv6 addresses in brackets; no ranges.
   */
  static RunSpec.Publish publish(String text) {
    String spec = text;
    String protocol = "tcp";
    int slash = spec.lastIndexOf('/');
    if (slash >= 0) {
      protocol = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
      spec = spec.substring(0, slash);
    }
    String ip = "";
    if (spec.startsWith("[")) {
      int close = spec.indexOf("]:");
      if (close < 0) {
        throw new InvalidInput(
            "-p " + Quote.input(text) + ": an IPv6 address is written [ADDRESS]:HOST_PORT:PORT.",
            null);
      }
      ip = spec.substring(1, close);
      spec = spec.substring(close + 2);
    }
    String[] parts = spec.split(":", -1);
    if ((!ip.isEmpty() && parts.length != 2)
        || (ip.isEmpty() && parts.length > 3)
        || !List.of("tcp", "udp", "sctp").contains(protocol)) {
      throw new InvalidInput(
          "-p " + Quote.input(text) + ": expected [IP:][HOST_PORT:]PORT[/tcp|udp|sctp].", null);
    }
    if (ip.isEmpty() && parts.length == 3) {
      ip = parts[0];
    }
    String host = parts.length >= 2 ? parts[parts.length - 2] : "";
    return new RunSpec.Publish(
        ip,
        host.isEmpty() ? null : port(text, host),
        port(text, parts[parts.length - 1]),
        protocol);
  }

  private static int port(String text, String value) {
    try {
      int p = Integer.parseInt(value);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the error
    }
    throw new InvalidInput(
        "-p "
            + Quote.input(text)
            + ": '"
            + Quote.input(value)
            + "' is not a port (1-65535; the lab takes no ranges).",
        null);
  }

  /** no, always, unless-stopped, on-failure[:N]: the engines' spellings. */
  static String restartPolicy(String value) {
    if (value.matches("no|always|unless-stopped|on-failure(:\\d+)?")) {
      return value;
    }
    throw new InvalidInput(
        "--restart "
            + Quote.input(value)
            + ": expected no, always, unless-stopped or on-failure[:N].",
        null);
  }

  static Long size(String flag, String value) {
    if (value == null) {
      return null;
    }
    try {
      long bytes = Bytes.parse(value);
      if (bytes >= MAX_SIZE) {
        throw new InvalidInput(
            flag + " " + Quote.input(value) + ": far more memory than any machine has.", null);
      }
      return bytes;
    } catch (NumberFormatException e) {
      throw new InvalidInput(
          flag + " " + Quote.input(value) + ": " + Quote.input(e.getMessage()) + ".", null);
    }
  }

  static double positiveDecimal(String flag, String value) {
    try {
      double d = Double.parseDouble(value);
      if (d > 0 && !Double.isInfinite(d)) {
        return d;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the error
    }
    throw new InvalidInput(
        flag + " " + Quote.input(value) + ": expected a positive number such as 0.5.", null);
  }

  static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInput(flag + " " + Quote.input(value) + ": expected a whole number.", null);
    }
  }

  static RunSpec.Ulimit ulimit(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new InvalidInput(
          "--ulimit " + Quote.input(text) + ": expected NAME=SOFT[:HARD], e.g. nofile=1024:2048.",
          null);
    }
    String name = text.substring(0, eq);
    String[] v = text.substring(eq + 1).split(":", -1);
    try {
      long soft = Long.parseLong(v[0]);
      long hard = v.length > 1 ? Long.parseLong(v[1]) : soft;
      if (v.length > 2 || soft > hard) {
        throw new NumberFormatException();
      }
      if (soft < 0) {
        throw new InvalidInput(
            "--ulimit "
                + Quote.input(text)
                + ": a negative value asks for no limit at all, which the engines pass to the"
                + " kernel as 'unlimited'; that fails wherever the engine's own hard limit is lower"
                + " (Podman refused it with 'operation not permitted').",
            "Give a number, e.g. --ulimit " + Quote.input(name) + "=1024.");
      }
      return new RunSpec.Ulimit(name, soft, hard);
    } catch (NumberFormatException e) {
      throw new InvalidInput(
          "--ulimit " + Quote.input(text) + ": expected NAME=SOFT[:HARD] with SOFT ≤ HARD.", null);
    }
  }

  static RunSpec.Tmpfs tmpfs(String text) {
    int colon = text.indexOf(':');
    String path = colon < 0 ? text : text.substring(0, colon);
    if (!path.startsWith("/")) {
      throw new InvalidInput(
          "--tmpfs " + Quote.input(text) + ": the mount point must be an absolute path.", null);
    }
    return new RunSpec.Tmpfs(path, colon < 0 ? "" : text.substring(colon + 1));
  }

  /** {@code --device HOST[:CONTAINER][:PERMISSIONS]}, permissions from r, w, m (default rwm). */
  static RunSpec.Device device(String text) {
    String[] p = text.split(":", -1);
    if (p.length > 3 || p[0].isEmpty() || !p[0].startsWith("/")) {
      throw new InvalidInput(
          "--device " + Quote.input(text) + ": expected HOST_PATH[:CONTAINER_PATH][:PERMISSIONS].",
          null);
    }
    String container = p.length > 1 && p[1].startsWith("/") ? p[1] : p[0];
    String perms = p.length == 3 ? p[2] : p.length == 2 && !p[1].startsWith("/") ? p[1] : "rwm";
    if (!perms.matches("[rwm]{1,3}")) {
      throw new InvalidInput(
          "--device "
              + Quote.input(text)
              + ": permissions are letters from r, w and m, not '"
              + Quote.input(perms)
              + "'.",
          null);
    }
    return new RunSpec.Device(p[0], container, perms);
  }

  static RunSpec.BindMount volume(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new InvalidInput(
          "-v " + Quote.input(text) + ": expected HOST_PATH:CONTAINER_PATH[:OPTIONS].",
          "The lab mounts host paths only (no named volumes), e.g. -v"
              + " $(pwd)/app.py:/app/app.py:ro");
    }
    if (!parts[0].startsWith("/")) {
      throw new InvalidInput(
          "-v "
              + Quote.input(text)
              + ": '"
              + Quote.input(parts[0])
              + "' is not an absolute host path.",
          "Write the full path, or $(pwd)/NAME for a file of the demo.");
    }
    if (!parts[1].startsWith("/")) {
      throw new InvalidInput(
          "-v " + Quote.input(text) + ": the container path must be absolute.", null);
    }
    boolean readOnly = false;
    List<String> options = new ArrayList<>();
    if (parts.length == 3) {
      for (String o : parts[2].split(",", -1)) {
        switch (o) {
          case "ro" -> readOnly = true;
          case "rw", "" -> {}
          case "z", "Z" -> options.add(o);
          // propagation is kept, not dropped: shared propagation is what CIS 5.20 judges
          case "shared", "rshared", "slave", "rslave", "private", "rprivate" -> options.add(o);
          default ->
              throw new InvalidInput(
                  "-v "
                      + Quote.input(text)
                      + ": unknown mount option '"
                      + Quote.input(o)
                      + "' (use ro, rw, z, Z or a propagation such as rprivate).",
                  null);
        }
      }
    }
    return new RunSpec.BindMount(hostPath("-v", text, parts[0]), parts[1], readOnly, options);
  }

  static String capability(String flag, String name) {
    String n = name.toUpperCase(Locale.ROOT);
    if (n.startsWith("CAP_")) {
      n = n.substring(4);
    }
    if (!Capabilities.NAMES.contains(n) && !n.equals("ALL")) {
      throw new InvalidInput(
          flag + " " + Quote.input(name) + ": unknown capability.",
          "Examples: ALL, NET_RAW, SETUID, SYS_ADMIN.");
    }
    return n;
  }

  static String securityOpt(String opt) {
    if (opt.equals("no-new-privileges")
        || opt.equals("no-new-privileges=true")
        || opt.equals("no-new-privileges:true")) {
      return "no-new-privileges";
    }
    if (opt.startsWith("seccomp=") || opt.startsWith("seccomp:")) {
      String value = opt.substring(8);
      if (!value.equals("unconfined") && !hostPath("--security-opt", opt, value).startsWith("/")) {
        throw new InvalidInput(
            "--security-opt " + Quote.input(opt) + ": the profile path must be absolute.",
            "Use $(pwd)/profile.json for a profile in the demo's directory.");
      }
      return "seccomp=" + value;
    }
    if (opt.startsWith("label=") || opt.startsWith("apparmor=")) {
      return opt;
    }
    // only the separator after the key: label=type:container_t keeps the colon of its value
    if (opt.startsWith("label:") || opt.startsWith("apparmor:")) {
      int colon = opt.indexOf(':');
      return opt.substring(0, colon) + "=" + opt.substring(colon + 1);
    }
    throw new InvalidInput(
        "--security-opt " + Quote.input(opt) + " is not supported.",
        "Use no-new-privileges, seccomp=PROFILE, label=… or apparmor=….");
  }

  /**
   * A host path in the normal form the guardrails judge, so that -v and --mount name a directory
   * the same way.
   */
  static String hostPath(String flag, String text, String path) {
    try {
      return Path.of(path).normalize().toString();
    } catch (InvalidPathException e) {
      throw new InvalidInput(
          flag
              + " "
              + Quote.input(text)
              + ": '"
              + Quote.input(path)
              + "' is not a path ("
              + e.getReason()
              + ").",
          null);
    }
  }
}
