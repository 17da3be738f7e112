package io.containercodes.lab.audit;

import io.containercodes.lab.engine.ContainerFacts;
import io.containercodes.lab.engine.Guardrails;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The audit's rules, their weights and their CIS Docker Benchmark ids ({@link #CIS_EDITION}). The
 * weights add up to 100 (docs/audit.md lists them); a rule this host cannot evaluate is skipped and
 * left out of the score rather than counted as passed. The rules added to judge what
 * docker-bench-security judges (2.9, 5.3, 5.7–5.9, 5.12, 5.14, 5.15, 5.20, 5.25, 5.27, 5.30, 5.31)
 * weigh 0: they are reported in every format, and scores stay comparable. Each id says what
 * docker-bench-security's test of that id judges; where the audit judges more or less,
 * docs/audit.md says so (measured side by side on Docker 20.10).
 *
 * <p>Verdicts rest on what the kernel enforces, seen from inside (capability masks, seccomp mode,
 * cgroup files, mountinfo), plus the engine's inspect data for what only the engine knows (host
 * namespaces, mount sources). Podman and Docker report capabilities and security options in
 * different shapes; the kernel's view is the same for the same configuration.
 */
public final class AuditRules {
  /**
   * The edition whose numbers the rules carry. v1.8.0 (July 2025) is the current edition, but its
   * text is CIS's to hand out and no reachable source lists its numbers; docker-bench-security,
   * whose verdicts the audit is compared with, implements v1.6.0 (its README; its issue #573 asks
   * for v1.8.0 and is open), and v1.7.0's published item list keeps 5.31 and the other section 5
   * ids the audit uses. So v1.6.0 is the edition named.
   */
  public static final String CIS_EDITION = "CIS Docker Benchmark v1.6.0";

  /**
   * The probe's word for a live test the limit did not stop, followed by what happened
   * ("not-stopped: 570425344 bytes were allocated").
   */
  private static final String NOT_STOPPED = "not-stopped: ";

  /** cpu.max's separator; Pattern.split keeps String.split's meaning (trailing blanks dropped). */
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** A uid map that maps every uid to itself: the host's own user namespace. */
  static final String HOST_USERNS_MAP = "0\\s+0\\s+4294967295";

  /**
   * Capabilities that reach past the container: each has a known path to the host or its kernel.
   */
  static final Set<String> DANGEROUS = Guardrails.DANGEROUS_CAPABILITIES;

  /**
   * Engine defaults that untrusted code rarely needs (NET_RAW forges packets, MKNOD makes devices,
   * …).
   */
  static final Set<String> UNNEEDED_DEFAULTS =
      Set.of(
          "NET_RAW",
          "MKNOD",
          "SYS_CHROOT",
          "SETFCAP",
          "SETPCAP",
          "AUDIT_WRITE",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL");

  /** CIS 5.6's sensitive host directories, with everything under them. */
  static final List<String> SENSITIVE_TREES =
      List.of(
          "/boot",
          "/dev",
          "/etc",
          "/lib",
          "/proc",
          "/sys",
          "/usr",
          "/root",
          "/var/lib/docker",
          "/var/lib/containers");

  /** Directories sensitive as a whole, though a project below them (/home/ann/app) is not. */
  static final Set<String> SENSITIVE_DIRS = Set.of("/", "/var", "/run", "/home");

  static final Set<String> SOCKET_NAMES = Set.of("docker.sock", "podman.sock", "containerd.sock");

  /** What every container gets in /dev; anything else is a host device. */
  static final Set<String> STANDARD_DEVICES =
      Set.of("null", "zero", "full", "random", "urandom", "tty", "console", "ptmx", "pts/ptmx");

  /** cgroup v1 writes "no limit" as the largest page-aligned number. */
  private static final BigInteger UNLIMITED = BigInteger.valueOf(Long.MAX_VALUE / 2);

  private AuditRules() {}

  public static List<Rule> all() {
    return RULES;
  }

  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "privileged",
              "Privileged mode",
              "5.5",
              Severity.HIGH,
              10,
              "remove --privileged; add back single capabilities with --cap-add if the work needs"
                  + " them",
              s ->
                  s.config() == null
                      ? Verdict.skipped("the engine's inspect data is missing")
                      : Verdict.failIf(
                          s.config().privileged(),
                          "the engine ran it privileged: every capability, every host device,"
                              + " no seccomp filter",
                          "not privileged")),
          new Rule(
              "dangerous-capabilities",
              "Capabilities that reach the host",
              "5.4",
              Severity.HIGH,
              10,
              "--cap-drop ALL, and no --cap-add of SYS_ADMIN, SYS_PTRACE, NET_ADMIN or the like",
              s -> {
                List<String> bad =
                    s.reachableCapabilities().stream().filter(DANGEROUS::contains).toList();
                return Verdict.failIf(
                    !bad.isEmpty(),
                    "reachable: " + String.join(", ", bad),
                    "none of " + DANGEROUS.size() + " dangerous capabilities is reachable");
              }),
          new Rule(
              "capabilities-not-dropped",
              "Default capabilities kept",
              "5.4",
              Severity.MEDIUM,
              5,
              "--cap-drop ALL (add back only what the work needs, e.g. --cap-add SETUID)",
              s -> {
                List<String> reach = s.reachableCapabilities();
                List<String> extra = reach.stream().filter(UNNEEDED_DEFAULTS::contains).toList();
                return Verdict.failIf(
                    !extra.isEmpty(),
                    "reachable defaults: " + String.join(", ", extra),
                    "reachable: " + (reach.isEmpty() ? "none" : String.join(", ", reach)));
              }),
          new Rule(
              "seccomp-disabled",
              "No seccomp filter",
              "5.22",
              Severity.HIGH,
              7,
              "drop --security-opt seccomp=unconfined (and --privileged); the engine's default"
                  + " profile applies",
              s ->
                  Verdict.failIf(
                      !s.fact("seccomp").equals("2"),
                      "no seccomp filter (mode " + s.fact("seccomp") + "); " + syscalls(s),
                      "a seccomp filter is on; " + syscalls(s))),
          new Rule(
              "no-new-privileges",
              "Privileges can be gained",
              "5.26",
              Severity.MEDIUM,
              5,
              "--security-opt no-new-privileges",
              s ->
                  Verdict.failIf(
                      !s.fact("no_new_privs").equals("1"),
                      "no_new_privs is not set: a setuid binary can raise privileges",
                      "no_new_privs is set: setuid binaries cannot raise privileges")),
          new Rule(
              "root-is-host-root",
              "Root inside is root on the host",
              "4.1",
              Severity.MEDIUM,
              6,
              "-u 1000 (a user the image has), or a user namespace (rootless Podman,"
                  + " --userns=auto)",
              s -> {
                boolean identity = s.fact("uid_map").matches("0\\s+0\\s+\\d+");
                String who = "uid " + s.fact("uid") + ", uid map \"" + s.fact("uid_map") + "\"";
                if (!s.isRoot()) {
                  return Verdict.pass("runs as " + who);
                }
                return Verdict.failIf(
                    identity,
                    "runs as root, and root here is root on the host (" + who + ")",
                    "root here is an unprivileged user on the host (" + who + ")");
              }),
          new Rule(
              "root-writable",
              "Writable root filesystem",
              "5.13",
              Severity.MEDIUM,
              5,
              "--read-only, with --tmpfs /tmp:rw,noexec,nosuid,size=64m for scratch space",
              s -> {
                // the mount decides; whether this user may write to / itself is a matter of
                // ownership
                boolean writable =
                    s.fact("root_mount").isEmpty()
                        ? s.fact("root_writable").equals("1")
                        : s.fact("root_mount").equals("rw");
                // every writable mount is named, not only /tmp: Podman's --read-only adds /run and
                // /var/tmp
                return Verdict.failIf(
                    writable,
                    "the image's filesystem is mounted read-write (writable here: "
                        + orNone(s.fact("writable"))
                        + ")",
                    "the root filesystem is read-only; still writable: "
                        + orNone(s.fact("writable"))
                        + (s.fact("writable").isBlank()
                            ? ""
                            : " (mounts that go with the container)"));
              }),
          new Rule(
              "tmp-executable",
              "Programs can run from a writable place",
              "",
              Severity.LOW,
              2,
              "--tmpfs /tmp:rw,noexec,nosuid; on Podman also --read-only-tmpfs=false; a non-root"
                  + " user (-u 1000), who cannot write to the engine's /dev; mount the project"
                  + " read-only where the work allows",
              s -> {
                // Every writable mount counts, not only /tmp: Podman's --read-only mounts exec-able
                // tmpfs on /run and /var/tmp too. Older probes only reported /tmp.
                if (!s.probe().containsKey("writable_exec")) {
                  return Verdict.failIf(
                      s.fact("tmp_exec").equals("1"),
                      switch (s.fact("tmp_exec")) {
                        case "1" -> "a program written to /tmp can be run";
                        case "0" -> "/tmp is noexec";
                        default -> "/tmp is not writable";
                      });
                }
                List<String> exec = s.words("writable_exec");
                return Verdict.failIf(
                    !exec.isEmpty(),
                    "a program written here can be run: " + String.join(" ", exec),
                    "every writable place is noexec (writable: "
                        + orNone(s.fact("writable"))
                        + ")");
              }),
          new Rule(
              "kernel-settings-writable",
              "Kernel settings writable",
              // no CIS id: 5.5 is --privileged itself, and no recommendation covers a writable or
              // remountable /proc/sys (docker-bench passes --cap-add SYS_ADMIN on 5.5)
              "",
              Severity.HIGH,
              4,
              "remove --privileged, --cap-add SYS_ADMIN and any rw mount of /proc or /sys",
              AuditRules::kernelSettings),
          new Rule(
              "sensitive-host-mounts",
              "Sensitive host directories mounted",
              "5.6",
              Severity.HIGH,
              6,
              "mount only the project directory (-v \"$(pwd)\":/workspace), never /, /etc, /proc,"
                  + " /sys, /dev or /var",
              s -> {
                if (s.config() == null) {
                  return Verdict.skipped("the engine's inspect data is missing");
                }
                List<String> bad =
                    s.config().mounts().stream()
                        .filter(m -> !m.destination().equals(AuditKit.MOUNT))
                        .filter(m -> sensitive(m.source()))
                        .map(
                            m ->
                                m.source()
                                    + " at "
                                    + m.destination()
                                    + (m.writable() ? " (writable)" : " (read-only)"))
                        .toList();
                return Verdict.failIf(
                    !bad.isEmpty(),
                    "mounted: " + String.join(", ", bad),
                    "no host system directory is mounted");
              }),
          new Rule(
              "engine-socket",
              "Engine socket inside the container",
              "5.32",
              Severity.HIGH,
              7,
              "remove the -v of docker.sock / podman.sock (or of /run, /var/run): whoever holds it"
                  + " owns the host",
              s -> {
                // the probe finds sockets wherever they are; inspect says where on the host they
                // come from
                java.util.Map<String, String> sockets = new java.util.LinkedHashMap<>();
                s.words("sockets").forEach(p -> sockets.put(p, p));
                if (s.config() != null) {
                  s.config().mounts().stream()
                      .filter(m -> SOCKET_NAMES.stream().anyMatch(m.source()::endsWith))
                      .forEach(
                          m ->
                              sockets.put(
                                  m.destination(), m.destination() + " (from " + m.source() + ")"));
                }
                return Verdict.failIf(
                    !sockets.isEmpty(),
                    "engine socket at " + String.join(", ", sockets.values()),
                    "no engine socket found");
              }),
          new Rule(
              "host-devices",
              "Host devices exposed",
              "5.18",
              Severity.HIGH,
              4,
              "remove --device and --privileged",
              s -> {
                List<String> extra =
                    s.words("devices").stream()
                        .filter(d -> !STANDARD_DEVICES.contains(d))
                        .filter(d -> !d.matches("pts/\\d+"))
                        .toList();
                List<String> added = s.config() == null ? List.of() : s.config().devices();
                boolean exposed = !extra.isEmpty() || !added.isEmpty();
                return Verdict.failIf(
                    exposed,
                    extra.size()
                        + " host device(s): "
                        + extra.stream().limit(8).collect(Collectors.joining(" "))
                        + (extra.size() > 8 ? " …" : ""),
                    "only the standard devices (null, zero, random, tty…)");
              }),
          namespaceRule(
              "host-pid",
              "Host process namespace shared",
              "5.16",
              Severity.HIGH,
              4,
              "--pid=host",
              ContainerFacts::pidMode,
              s ->
                  s.fact("processes")
                      + " processes visible, pid 1 is \""
                      + s.fact("pid1").strip()
                      + "\""),
          namespaceRule(
              "host-network",
              "Host network namespace shared",
              "5.10",
              Severity.HIGH,
              4,
              "--network=host",
              ContainerFacts::networkMode,
              s -> "interfaces: " + s.fact("net_ifaces")),
          namespaceRule(
              "host-ipc",
              "Host IPC namespace shared",
              "5.17",
              Severity.MEDIUM,
              2,
              "--ipc=host",
              ContainerFacts::ipcMode,
              s -> "shared memory and message queues"),
          namespaceRule(
              "host-uts",
              "Host UTS namespace shared",
              "5.21",
              Severity.LOW,
              1,
              "--uts=host",
              ContainerFacts::utsMode,
              s -> "hostname \"" + s.fact("hostname") + "\""),
          new Rule(
              "memory-limit",
              "No memory limit",
              "5.11",
              Severity.MEDIUM,
              5,
              "--memory 512m --memory-swap 512m",
              s ->
                  hostCannot(s.host().limitsWhyNot())
                      .orElseGet(
                          () ->
                              limitVerdict(
                                  s,
                                  "memory_max",
                                  "live_memory",
                                  v -> "memory limit " + human(v)))),
          new Rule(
              "cpu-limit",
              "No CPU limit",
              "",
              Severity.LOW,
              2,
              "--cpus 1",
              s -> {
                if (s.host().cpuWhyNot() != null) {
                  return hostCannot(s.host().cpuWhyNot()).get();
                }
                String cpu = s.fact("cpu_max");
                String[] p = WHITESPACE.split(cpu);
                boolean limited =
                    p.length == 2
                        && p[0].matches("\\d+")
                        && p[1].matches("\\d+")
                        && Long.parseLong(p[0]) > 0;
                if (!limited) {
                  return Verdict.fail(
                      "no CPU quota (" + (cpu.isBlank() ? "unreadable" : cpu) + ")");
                }
                // parsed only once it is known to be two numbers
                return Verdict.pass(
                    String.format(
                        "CPU limit %.2f CPUs",
                        Double.parseDouble(p[0]) / Double.parseDouble(p[1])));
              }),
          new Rule(
              "pids-limit",
              "No process limit",
              "5.29",
              Severity.MEDIUM,
              4,
              "--pids-limit 128",
              s ->
                  hostCannot(s.host().limitsWhyNot())
                      .orElseGet(
                          () ->
                              limitVerdict(s, "pids_max", "live_pids", v -> "process limit " + v))),
          new Rule(
              "network-egress",
              "Code can reach the network",
              "",
              Severity.MEDIUM,
              4,
              "--network none",
              s -> {
                String canary = s.fact("canary");
                if (s.words("net_ifaces").equals(List.of("lo"))) {
                  return Verdict.pass("only the loopback interface: nothing to reach");
                }
                if (canary.isEmpty()) {
                  return Verdict.skipped(
                      "no canary could be placed on this network ("
                          + (s.config() == null ? "?" : s.config().networkMode())
                          + ")");
                }
                boolean reached =
                    canary.equals("reached") || (s.canaryHits() != null && s.canaryHits() > 0);
                return Verdict.failIf(
                    reached,
                    "reached the lab's canary on its network (the canary logged "
                        + s.canaryHits()
                        + " request(s)); code could send data out the same way",
                    "the canary on its network was unreachable");
              }),
          new Rule(
              "mac-profile",
              "No AppArmor / SELinux confinement",
              "5.2",
              Severity.MEDIUM,
              3,
              "drop --security-opt apparmor=unconfined / label=disable",
              s -> {
                if (!s.host().apparmor() && !s.host().selinux()) {
                  return Verdict.skippedByHost(
                      "neither AppArmor nor SELinux is enabled on this host");
                }
                String label = s.fact("mac_label");
                boolean unconfined =
                    label.equals("none")
                        || label.startsWith("unconfined")
                        || label.contains("spc_t")
                        || label.contains("unconfined_t");
                return Verdict.failIf(unconfined, "label: " + label);
              }),
          // no CIS id: 5.22 asks that the default seccomp profile is not disabled, and this rule
          // only
          // runs while a filter is on
          new Rule(
              "syscall-surface",
              "Kernel features reachable through syscalls",
              "",
              Severity.INFO,
              0,
              "a seccomp profile that also denies unshare, keyctl and process_vm_readv (see Lesson"
                  + " 10)",
              s -> {
                if (!s.fact("seccomp").equals("2")) {
                  return Verdict.skipped("no seccomp filter at all: see seccomp-disabled");
                }
                List<String> calls = List.of("unshare", "keyctl", "process_vm_readv");
                if (calls.stream().allMatch(c -> s.fact("sys_" + c).equals("untested"))) {
                  return Verdict.skippedByHost("no syscall programs for this architecture");
                }
                List<String> allowed =
                    calls.stream().filter(c -> s.fact("sys_" + c).startsWith("allowed")).toList();
                return Verdict.failIf(
                    !allowed.isEmpty(),
                    syscalls(s)
                        + (allowed.isEmpty()
                            ? ""
                            : " (Podman's default profile allows these; Docker's blocks keyctl,"
                                + " allows unshare only with SYS_ADMIN, and process_vm_readv from"
                                + " Docker 23.0 on)"));
              }),
          hostUserNamespace(),
          userNamespaceRemapping(),
          LineRules.selinuxOptions(),
          LineRules.sshd(),
          LineRules.privilegedPorts(),
          LineRules.publishedPorts(),
          LineRules.portBinding(),
          LineRules.cpuPriority(),
          LineRules.restartPolicy(),
          LineRules.mountPropagation(),
          LineRules.cgroupParent(),
          LineRules.healthCheck(),
          LineRules.defaultBridge());

  /**
   * Judges what code can do, not only the state at the probe's instant: read-only /proc/sys and
   * /sys are no protection when code can remount them, which takes SYS_ADMIN and a mount(2) that
   * seccomp lets through, in the host's user namespace (in a container's own user namespace the
   * host's /proc/sys files belong to an unmapped uid, so a remount would still not make
   * core_pattern writable).
   */
  static Verdict kernelSettings(AuditSubject s) {
    boolean procSys = s.fact("proc_sys_writable").equals("1");
    boolean sys = s.fact("sys_writable").equals("1");
    if (procSys || sys) {
      return Verdict.fail("writable: " + (procSys ? "/proc/sys " : "") + (sys ? "/sys" : ""));
    }
    boolean sysAdmin = s.reachableCapabilities().contains("SYS_ADMIN");
    boolean mount = s.fact("sys_mount").startsWith("allowed");
    boolean hostUserns = s.fact("uid_map").matches(HOST_USERNS_MAP);
    if (sysAdmin && mount && hostUserns) {
      return Verdict.fail(
          "/proc/sys and /sys are read-only now, but code can remount them read-write: SYS_ADMIN is"
              + " reachable and seccomp lets mount(2) through (the probe's mount call succeeded),"
              + " in the host's user namespace");
    }
    if (sysAdmin && mount) {
      return Verdict.pass(
          "read-only; SYS_ADMIN and mount(2) are allowed, but in the container's own user"
              + " namespace, where the host's kernel settings belong to a uid not mapped in");
    }
    return Verdict.pass(
        "/proc/sys and /sys are read-only and cannot be remounted: "
            + (!sysAdmin
                ? "SYS_ADMIN is not reachable"
                : "seccomp denies mount(2) (" + s.fact("sys_mount") + ")"));
  }

  /**
   * CIS 5.31 is the run option: the container asked for the host's user namespace ({@code
   * --userns=host}), as docker-bench-security judges it (HostConfig.UsernsMode). That a rootful
   * engine maps no user namespace at all is the daemon's setting (CIS 2.9, {@link
   * #userNamespaceRemapping()}), not the container's.
   */
  private static Rule hostUserNamespace() {
    return new Rule(
        "host-userns",
        "Host user namespace requested (--userns=host)",
        "5.31",
        Severity.MEDIUM,
        0,
        "drop --userns=host",
        s -> {
          boolean asked =
              (s.config() != null && "host".equals(s.config().usernsMode()))
                  || (s.line() != null && "host".equals(s.line().userns()));
          return Verdict.failIf(
              asked,
              "the line asks for the host's user namespace (--userns=host): uid "
                  + s.fact("uid")
                  + " here is uid "
                  + s.fact("uid")
                  + " on the host, whatever the engine's user namespace settings",
              "the line does not ask for the host's user namespace (whether the engine maps one:"
                  + " userns-remap)");
        });
  }

  /**
   * CIS 2.9 ("Enable user namespace support"): a daemon setting, seen per container as the uid map
   * the kernel applies. A rootful engine without remapping leaves every container in the host's
   * user namespace, where uid 0 inside is uid 0 outside; rootless Podman, {@code --userns=auto} or
   * dockerd's {@code --userns-remap} give it one of its own.
   */
  private static Rule userNamespaceRemapping() {
    return new Rule(
        "userns-remap",
        "No user namespace: the container's uids are the host's",
        "2.9",
        Severity.MEDIUM,
        0,
        "Docker: dockerd --userns-remap=default (a daemon setting); Podman: rootless, or"
            + " --userns=auto",
        s -> {
          String map = s.fact("uid_map").strip();
          if (map.isEmpty()) {
            return Verdict.skipped("the probe could not read the uid map");
          }
          return Verdict.failIf(
              map.matches(HOST_USERNS_MAP),
              "the container is in the host's user namespace (uid map \""
                  + map
                  + "\"): the engine remaps no uids",
              "the container has its own user namespace (uid map \"" + map + "\")");
        });
  }

  private static Rule namespaceRule(
      String id,
      String title,
      String cis,
      Severity severity,
      int weight,
      String flag,
      java.util.function.Function<ContainerFacts, String> mode,
      java.util.function.Function<AuditSubject, String> sign) {
    return new Rule(
        id,
        title,
        cis,
        severity,
        weight,
        "remove " + flag,
        s -> {
          if (s.config() == null) {
            return Verdict.skipped("the engine's inspect data is missing");
          }
          boolean shared = "host".equals(mode.apply(s.config()));
          return Verdict.failIf(
              shared, (shared ? "shared with the host: " : "private: ") + sign.apply(s));
        });
  }

  /**
   * A limit rule on an engine where limits do not act: skipped with the host's reason, never failed
   * (and never "fix: --memory 512m" to a line that sets one), never passed.
   */
  private static Optional<Verdict> hostCannot(String whyNot) {
    return whyNot == null
        ? Optional.empty()
        : Optional.of(
            Verdict.skippedByHost(
                "limits do not act on this engine, so this one cannot be judged here (the host's"
                    + " limitation, not the line's): "
                    + whyNot));
  }

  private static Verdict limitVerdict(
      AuditSubject s,
      String key,
      String liveKey,
      java.util.function.Function<String, String> describe) {
    String v = s.fact(key).strip();
    boolean limited = v.matches("\\d+") && new BigInteger(v).compareTo(UNLIMITED) < 0;
    if (!limited) {
      return Verdict.fail(
          v.isEmpty()
              ? "no limit could be read from the cgroup"
              : "no limit (the cgroup says " + (v.matches("\\d+") ? "unlimited" : v) + ")");
    }
    String live = s.fact(liveKey);
    if (live.startsWith(NOT_STOPPED)) {
      return Verdict.fail(
          describe.apply(v)
              + " is set, but the live test was not stopped: "
              + live.substring(NOT_STOPPED.length()));
    }
    return Verdict.pass(describe.apply(v) + (live.isEmpty() ? "" : "; live test " + live));
  }

  static String syscalls(AuditSubject s) {
    return List.of("mount", "unshare", "keyctl", "process_vm_readv").stream()
        .map(c -> c + " " + s.fact("sys_" + c).replaceFirst(" errno=.*", ""))
        .collect(Collectors.joining(", "));
  }

  static boolean sensitive(String source) {
    String p = normalise(source);
    return SENSITIVE_DIRS.contains(p)
        || SENSITIVE_TREES.stream().anyMatch(t -> p.equals(t) || p.startsWith(t + "/"));
  }

  /** /var/run is a link to /run on every current distribution; a trailing slash changes nothing. */
  static String normalise(String path) {
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p.equals("/var/run") ? "/run" : p;
  }

  private static String human(String bytes) {
    long b = Long.parseLong(bytes);
    return b % (1 << 20) == 0 ? (b >> 20) + " MiB" : b + " bytes";
  }

  private static String orNone(String s) {
    return s.isBlank() ? "nothing" : s;
  }
}
