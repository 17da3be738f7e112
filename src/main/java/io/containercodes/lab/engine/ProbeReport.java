package io.containercodes.lab.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the lab's own probe found in a twin of a learner's container ({@link TwinProbe}): who the
 * process runs as, its capability sets, no_new_privs and seccomp as the kernel shows them in
 * /proc/self/status, which system calls were denied, which places it could write to, every writable
 * mount, and the network interfaces. The learner's command never runs in the twin, so nothing here
 * is text the workload printed.
 *
 * @param facts every {@code KEY=VALUE} the probe printed, by key
 * @param writableMounts every mount writable at the mount and at the superblock, in mountinfo order
 * @param failure why the probe did not finish (it printed no "done"); null when it did
 */
public record ProbeReport(Map<String, String> facts, List<Mount> writableMounts, String failure) {
  /** The places the probe tries to write to, in its order. */
  public static final List<String> PLACES =
      List.of("/", "/etc", "/etc/cron.d", "/usr", "/var/tmp", "/run", "/tmp", "/root", "/home");

  /** The system calls the probe tries, by the name it reports them under. */
  public static final List<String> SYSCALLS = List.of("mkdir", "personality", "unshare", "mount");

  public ProbeReport {
    facts = Map.copyOf(facts);
    writableMounts = List.copyOf(writableMounts);
  }

  /** A report for a probe that never ran or did not finish. */
  public static ProbeReport failed(String why) {
    return new ProbeReport(Map.of(), List.of(), why);
  }

  /**
   * Reads the lines {@code NONCE.KEY=VALUE} of the probe's output; anything else is ignored (there
   * is nothing else: the twin runs only the probe).
   */
  public static ProbeReport parse(String stdout, String nonce) {
    Map<String, String> facts = new LinkedHashMap<>();
    List<Mount> mounts = new ArrayList<>();
    String prefix = nonce + ".";
    for (String line : stdout.split("\n", -1)) {
      int eq = line.indexOf('=');
      if (!line.startsWith(prefix) || eq <= prefix.length()) {
        continue;
      }
      String key = line.substring(prefix.length(), eq);
      String value = line.substring(eq + 1).strip();
      if (key.equals("mount")) {
        Mount.parse(value).ifPresent(mounts::add);
      } else {
        facts.put(key, value);
      }
    }
    return new ProbeReport(
        facts,
        mounts,
        "1".equals(facts.get("done"))
            ? null
            : "the probe did not finish (it printed " + facts.size() + " facts)");
  }

  public boolean complete() {
    return failure == null;
  }

  public Optional<Integer> uid() {
    return number("uid");
  }

  public Optional<Integer> gid() {
    return number("gid");
  }

  /** The user's name as the image's /etc/passwd gives it: informative only, a mount can fake it. */
  public Optional<String> userName() {
    return Optional.ofNullable(facts.get("user"));
  }

  /** A capability set of /proc/self/status: "CapEff", "CapPrm", "CapBnd" or "CapAmb". */
  public Optional<Set<String>> capabilities(String set) {
    String hex = facts.get("status." + set);
    if (hex == null || !hex.matches("[0-9a-fA-F]{1,16}")) {
      return Optional.empty();
    }
    return Optional.of(Set.copyOf(LinuxCapabilities.decode(hex)));
  }

  public Optional<Boolean> noNewPrivs() {
    return number("status.NoNewPrivs").map(n -> n == 1);
  }

  /** 0 no filter, 1 strict, 2 a filter (seccomp(2)). */
  public Optional<Integer> seccompMode() {
    return number("status.Seccomp");
  }

  /** How a system call the probe tried fared; empty when the probe did not report it. */
  public Optional<Syscall> syscall(String name) {
    String v = facts.get("sys." + name);
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(
        v.equals("allowed")
            ? new Syscall(name, false, "")
            : new Syscall(name, true, v.startsWith("denied") ? v.substring(6).strip() : v));
  }

  /** What the probe found when it tried to create a file in {@code place}. */
  public Optional<Place> place(String place) {
    String v = facts.get("place." + place);
    if (v == null) {
      return Optional.empty();
    }
    Place.State s =
        switch (v) {
          case "writable" -> Place.State.WRITABLE;
          case "read-only" -> Place.State.READ_ONLY;
          case "denied" -> Place.State.DENIED;
          case "absent" -> Place.State.ABSENT;
          default -> Place.State.ERROR;
        };
    return Optional.of(new Place(place, s, v));
  }

  /** The places of {@link #PLACES} the probe could write to. */
  public List<String> writablePlaces() {
    return PLACES.stream()
        .filter(p -> place(p).map(x -> x.state() == Place.State.WRITABLE).orElse(false))
        .toList();
  }

  /** The network interfaces the process sees, loopback included. */
  public List<String> interfaces() {
    String v = facts.get("ifaces");
    return v == null || v.isBlank() ? List.of() : List.of(v.strip().split("\\s+"));
  }

  private Optional<Integer> number(String key) {
    String v = facts.get(key);
    if (v == null || !v.strip().matches("\\d{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(v.strip()));
  }

  /**
   * A system call the probe tried.
   *
   * @param detail the error the probe saw ("Operation not permitted", "killed by signal 31")
   */
  public record Syscall(String name, boolean denied, String detail) {}

  /** What creating a file in a place gave: the write worked, or the error that refused it. */
  public record Place(String path, State state, String raw) {
    public enum State {
      WRITABLE,
      READ_ONLY,
      DENIED,
      ABSENT,
      ERROR
    }
  }

  /**
   * A mount writable at both levels, as mountinfo lists it.
   *
   * @param path the mount point, with mountinfo's octal escapes ({@code \040} for a space)
   * @param options the mount's options ({@code rw,nosuid,nodev,noexec,relatime})
   * @param superOptions the superblock's ({@code rw,size=8192k})
   */
  public record Mount(String path, String type, List<String> options, List<String> superOptions) {
    /**
     * Mount points every container has and the task cannot remove: the kernel's own filesystems and
     * what the engine itself mounts (/dev and its shm and mqueue, /proc and /sys and the engines'
     * masks under them, the DNS and host files, Podman's /run/.containerenv).
     */
    static final Set<String> ENGINE_FILES =
        Set.of(
            "/etc/resolv.conf",
            "/etc/hosts",
            "/etc/hostname",
            "/run/.containerenv",
            "/.containerenv");

    public Mount {
      options = List.copyOf(options);
      superOptions = List.copyOf(superOptions);
    }

    static Optional<Mount> parse(String value) {
      String[] f = value.split(" ");
      if (f.length != 4) {
        return Optional.empty();
      }
      return Optional.of(new Mount(f[0], f[1], List.of(f[2].split(",")), List.of(f[3].split(","))));
    }

    public boolean noexec() {
      return options.contains("noexec");
    }

    /** The size option of a tmpfs ({@code size=8192k}), if it has one. */
    public Optional<String> size() {
      return superOptions.stream().filter(o -> o.startsWith("size=")).findFirst();
    }

    /** Made by the kernel or the engine for every container, not by the line (see above). */
    public boolean engineMade() {
      return ENGINE_FILES.contains(path)
          || path.equals("/dev")
          || path.startsWith("/dev/")
          || path.equals("/proc")
          || path.startsWith("/proc/")
          || path.equals("/sys")
          || path.startsWith("/sys/");
    }
  }
}
