package io.containercodes.lab.engine;

import io.containercodes.lab.InvalidInput;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Settings that hand a container the host. The lab refuses them unless the user consents ({@code
 * --i-understand}), and says in one sentence what each would give away.
 *
 * <p>One set of rules for every line that reaches the engine: typed at {@code try}, written at an
 * exercise prompt, read from a lesson pack's demo (steps and helpers alike), built by the audit or
 * the sandbox. {@link Engine} applies them to every container it creates, so a path that forgets to
 * ask cannot slip past; callers check first only to say it earlier and better.
 *
 * <p>Mounts are judged by what they contain, not by how the path is spelled: the real path
 * (symlinks resolved), every engine socket or runtime directory at, below or above it, and the Unix
 * sockets found in a bounded walk of a mounted directory.
 */
public final class Guardrails {
  /** Capabilities with a known path to the host or its kernel (the audit names the same ones). */
  public static final Set<String> DANGEROUS_CAPABILITIES =
      Set.of(
          "SYS_ADMIN",
          "SYS_PTRACE",
          "SYS_MODULE",
          "SYS_RAWIO",
          "DAC_READ_SEARCH",
          "NET_ADMIN",
          "SYS_BOOT",
          "SYS_TIME",
          "BPF",
          "PERFMON",
          "MAC_ADMIN",
          "MAC_OVERRIDE",
          "SYSLOG");

  /** Host trees whose contents are secrets or live kernel state: refused even read-only. */
  private static final List<String> SECRET_TREES =
      List.of("/etc", "/proc", "/sys", "/dev", "/root");

  /**
   * Host trees of programs and system state: a writable mount lets code replace what the host runs.
   */
  private static final List<String> SYSTEM_TREES =
      List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/boot", "/var/lib");

  /** Where engines keep their sockets and state; a per-user runtime directory adds its own. */
  private static final List<String> ENGINE_RUNTIME =
      List.of(
          "/run/cclab",
          "/run/podman",
          "/run/docker.sock",
          "/run/docker",
          "/run/containerd",
          "/run/crio",
          "/var/lib/docker",
          "/var/lib/containers",
          "/run/containers");

  private static final List<String> USER_RUNTIME_NAMES =
      List.of("podman", "docker.sock", "docker", "containerd");
  private static final int SCAN_DEPTH = 4;
  private static final int SCAN_ENTRIES = 4000;

  /** One reason a line is dangerous to the host: the flag as written and what it gives away. */
  public record Violation(String flag, String reason) {
    public String sentence() {
      return flag + " " + reason;
    }
  }

  private final List<Path> engineRuntime;
  private final Path home;

  private Guardrails(List<Path> engineRuntime, Path home) {
    this.engineRuntime = List.copyOf(engineRuntime);
    this.home = home;
  }

  /**
   * The rules for this machine: the usual engine places, this user's runtime directory, the sockets
   * named by {@code CCLAB_HOST}/{@code DOCKER_HOST}, and {@code extraSockets} (the endpoint the lab
   * is connected to).
   */
  public static Guardrails forHost(Map<String, String> env, String... extraSockets) {
    Set<Path> paths = new LinkedHashSet<>();
    ENGINE_RUNTIME.forEach(p -> paths.add(Path.of(p)));
    for (Path userDir : runUserDirs()) {
      USER_RUNTIME_NAMES.forEach(n -> paths.add(userDir.resolve(n)));
    }
    String xdg = env.get("XDG_RUNTIME_DIR");
    if (xdg != null && xdg.startsWith("/")) {
      USER_RUNTIME_NAMES.forEach(n -> paths.add(Path.of(xdg, n)));
    }
    for (String uri : new String[] {env.get("CCLAB_HOST"), env.get("DOCKER_HOST")}) {
      socketOf(uri).ifPresent(paths::add);
    }
    for (String s : extraSockets) {
      socketOf(s).ifPresent(paths::add);
    }
    String h = env.getOrDefault("HOME", System.getProperty("user.home"));
    if (h != null && h.startsWith("/")) {
      // rootless Podman keeps its storage (every image and container layer) under the home
      // directory
      paths.add(
          real(Path.of(env.getOrDefault("XDG_DATA_HOME", h + "/.local/share"), "containers")));
    }
    List<Path> real = paths.stream().map(Guardrails::real).distinct().toList();
    return new Guardrails(
        real, h == null || h.isBlank() || h.equals("/") ? null : real(Path.of(h)));
  }

  /** Refuses a spec that hands over the host, unless its line carries the user's consent. */
  public void enforce(RunSpec spec) {
    if (spec.consent()) {
      return;
    }
    List<Violation> v = violations(spec);
    if (!v.isEmpty()) {
      throw refusal(
          "The lab will not run this line as it is:",
          v,
          "If this is what you mean to study, add --i-understand.");
    }
  }

  /**
   * The gate every caller passes a line through before it runs: refuses what needs consent when the
   * spec has none, and returns what to tell the user otherwise ("running despite: …" for what was
   * consented to, notes on read-only system mounts).
   */
  public List<String> admit(RunSpec spec, String headline, String fix) {
    List<Violation> v = violations(spec);
    if (!v.isEmpty() && !spec.consent()) {
      throw refusal(headline, v, fix);
    }
    List<String> notices = new ArrayList<>();
    v.forEach(x -> notices.add("running despite: " + x.sentence()));
    notices.addAll(notes(spec));
    return notices;
  }

  /** The one wording of a refusal, so try, the REPL, run and lint say the same thing. */
  public static InvalidInput refusal(String headline, List<Violation> violations, String fix) {
    StringBuilder b = new StringBuilder(headline);
    violations.forEach(x -> b.append("\n  - ").append(x.sentence()));
    return new InvalidInput(b.toString(), fix);
  }

  /** Every reason this spec is dangerous to the host; empty when it is not. */
  public List<Violation> violations(RunSpec spec) {
    List<Violation> v = new ArrayList<>();
    if (spec.privileged()) {
      v.add(
          new Violation(
              "--privileged",
              "gives the container every capability and every host device, and turns "
                  + "off seccomp: root in it is close to root on the host."));
    }
    namespaces(v, spec);
    for (RunSpec.Device d : spec.devices()) {
      v.add(
          new Violation(
              "--device " + d.hostPath(),
              "hands the container a host device: it talks to the host's "
                  + "kernel driver directly, outside what the container's namespaces isolate."));
    }
    spec.capAdd().forEach(cap -> capability(v, cap));
    spec.securityOpts().forEach(opt -> securityOpt(v, opt));
    spec.binds().forEach(b -> mount(v, b));
    return v;
  }

  /** Namespaces shared with the host, or joined from another process. */
  private static void namespaces(List<Violation> v, RunSpec spec) {
    namespace(v, "--pid", spec.pidMode(), "it can see and signal every process on the host");
    namespace(
        v,
        "--network",
        spec.network(),
        "it shares the host's network stack and can reach every service on it");
    namespace(v, "--ipc", spec.ipcMode(), "it shares the host's shared memory and message queues");
    namespace(v, "--uts", spec.utsMode(), "it can change the host's hostname");
    if (spec.userns() != null && spec.userns().startsWith("ns:")) {
      v.add(
          new Violation(
              "--userns " + spec.userns(),
              "joins a namespace of another process by its path: whatever "
                  + "that process may do, the container may do."));
    }
  }

  private static void capability(List<Violation> v, String cap) {
    String c = cap.toUpperCase(Locale.ROOT);
    if (c.equals("ALL")) {
      v.add(
          new Violation(
              "--cap-add ALL",
              "gives root in the container every capability, among them loading kernel "
                  + "modules and mounting filesystems."));
    } else if (DANGEROUS_CAPABILITIES.contains(c)) {
      v.add(
          new Violation(
              "--cap-add " + c,
              "gives a capability with a known way out to the host or its kernel ("
                  + capabilityRisk(c)
                  + ")."));
    }
  }

  private static void securityOpt(List<Violation> v, String opt) {
    switch (opt) {
      case "seccomp=unconfined" ->
          v.add(
              new Violation(
                  "--security-opt seccomp=unconfined",
                  "turns off the system-call filter: every kernel call, including the rarely used"
                      + " ones most kernel exploits need, is open."));
      case "apparmor=unconfined" ->
          v.add(
              new Violation(
                  "--security-opt apparmor=unconfined",
                  "turns off the AppArmor profile that keeps the container from writing /proc and"
                      + " /sys and from mounting."));
      case "label=disable" ->
          v.add(
              new Violation(
                  "--security-opt label=disable",
                  "turns off SELinux separation: on an SELinux host the container's processes are"
                      + " no longer kept from the host's files."));
      default -> {}
    }
  }

  /** The first reason a bind mount is dangerous, checked from the worst down; none if safe. */
  private void mount(List<Violation> v, RunSpec.BindMount b) {
    Path path = real(Path.of(b.hostPath()));
    String why = rootOrEngineState(path);
    if (why == null) {
      why = secretTree(path.toString(), b.readOnly());
    }
    if (why == null && !b.readOnly()) {
      why = writableHostTree(path);
    }
    if (why == null) {
      why =
          socketsBelow(path).stream()
              .findFirst()
              .map(
                  s ->
                      "contains the socket "
                          + s
                          + ": whoever can talk to it acts with the rights of the host service"
                          + " behind it (an engine socket is root on the host).")
              .orElse(null);
    }
    if (why != null) {
      v.add(new Violation("-v " + b.hostPath(), why));
    }
  }

  private String rootOrEngineState(Path path) {
    if (path.toString().equals("/")) {
      return "mounts the host's whole filesystem into the container.";
    }
    for (Path r : engineRuntime) {
      if (path.startsWith(r) || r.startsWith(path)) {
        return "hands the container the engine's socket or state ("
            + r
            + "): whoever holds the "
            + "socket can start a privileged container and own the host.";
      }
    }
    return null;
  }

  private static String secretTree(String p, boolean readOnly) {
    for (String tree : SECRET_TREES) {
      if (within(p, tree)) {
        return "exposes the host's "
            + tree
            + " to the container"
            + (readOnly
                ? " (even read-only, it reveals secrets and host details)."
                : ", writable.");
      }
    }
    return null;
  }

  /** A writable mount of a host program tree or of a home directory. */
  private String writableHostTree(Path path) {
    String p = path.toString();
    for (String tree : SYSTEM_TREES) {
      if (within(p, tree) || within(tree, p)) {
        return "mounts the host's "
            + tree
            + " writable: code in the container can change programs and state the host"
            + " itself runs. Add :ro if the container only needs to read it.";
      }
    }
    if (home != null && (path.equals(home) || home.startsWith(path))) {
      return "mounts a home directory writable: code in the container can edit .bashrc, .profile"
          + " or .ssh/authorized_keys, which the host runs or trusts at the next login."
          + " Mount the project directory instead, or add :ro.";
    }
    return null;
  }

  /** Read-only mounts of host program trees are allowed; the note says what they still show. */
  public List<String> notes(RunSpec spec) {
    List<String> notes = new ArrayList<>();
    for (RunSpec.BindMount b : spec.binds()) {
      String p = real(Path.of(b.hostPath())).toString();
      if (b.readOnly() && SYSTEM_TREES.stream().anyMatch(t -> within(p, t))) {
        notes.add(
            "-v "
                + b.hostPath()
                + " is read-only: the container can read the host's programs there but not "
                + "change them.");
      }
    }
    return notes;
  }

  private static void namespace(List<Violation> v, String flag, String value, String consequence) {
    if ("host".equals(value)) {
      v.add(new Violation(flag + "=host", "removes that isolation: " + consequence + "."));
    } else if (value != null && value.startsWith("ns:")) {
      v.add(
          new Violation(
              flag + " " + value,
              "joins a namespace by its path: /proc/1/ns/… is the host's own, so "
                  + consequence
                  + "."));
    }
  }

  private static String capabilityRisk(String cap) {
    return switch (cap) {
      case "SYS_ADMIN" -> "mount, remount /proc/sys writable, and most container escapes";
      case "SYS_MODULE" -> "load code into the host's kernel";
      case "SYS_PTRACE" -> "trace and inject into other processes";
      case "SYS_RAWIO" -> "raw I/O on devices and ports";
      case "DAC_READ_SEARCH" -> "open host files by handle, the 'shocker' escape";
      case "NET_ADMIN" -> "reconfigure the network it sees, including firewall rules";
      case "SYS_BOOT" -> "reboot the host";
      case "SYS_TIME" -> "change the host's clock";
      case "BPF", "PERFMON" -> "load programs into or observe the host's kernel";
      case "SYSLOG" -> "read the host's kernel log, which leaks kernel addresses";
      default -> "override the host's mandatory access control";
    };
  }

  private static boolean within(String path, String tree) {
    return path.equals(tree) || path.startsWith(tree.endsWith("/") ? tree : tree + "/");
  }

  /**
   * Unix sockets in a mounted directory, found by a walk bounded in depth and entries: a project
   * directory is small, and a huge tree is refused for its other reasons or not at all.
   */
  private static List<Path> socketsBelow(Path dir) {
    List<Path> found = new ArrayList<>();
    if (isSocket(dir)) {
      found.add(dir);
      return found;
    }
    if (!Files.isDirectory(dir)) {
      return found;
    }
    int[] seen = {0};
    try {
      Files.walkFileTree(
          dir,
          EnumSet.noneOf(java.nio.file.FileVisitOption.class),
          SCAN_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isOther() && isSocket(file)) {
                found.add(file);
                return FileVisitResult.TERMINATE;
              }
              return ++seen[0] > SCAN_ENTRIES
                  ? FileVisitResult.TERMINATE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult
                  .CONTINUE; // unreadable to us: the engine may still read it, but we cannot judge
            }
          });
    } catch (IOException ignored) {
      // an unreadable tree: judged by its path alone
    }
    return found;
  }

  private static boolean isSocket(Path p) {
    try {
      Object mode = Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
      return mode instanceof Integer m && (m & 0170000) == 0140000;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static List<Path> runUserDirs() {
    Path run = Path.of("/run/user");
    if (!Files.isDirectory(run)) {
      return List.of();
    }
    try (var s = Files.list(run)) {
      return s.toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static java.util.Optional<Path> socketOf(String uri) {
    if (uri == null || uri.isBlank()) {
      return java.util.Optional.empty();
    }
    String p = uri.startsWith("unix://") ? uri.substring("unix://".length()) : uri;
    return p.startsWith("/") ? java.util.Optional.of(Path.of(p)) : java.util.Optional.empty();
  }

  /**
   * Resolves symlinks such as /var/run → /run, or a demo file linked to /, so a mount cannot dodge
   * the rules by spelling. A path that does not exist yet is resolved as far as it does.
   */
  static Path real(Path hostPath) {
    Path p = hostPath.toAbsolutePath().normalize();
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return p;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(p)).normalize();
    } catch (IOException e) {
      return p;
    }
  }
}
