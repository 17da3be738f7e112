package io.containercodes.lab.engine;

import io.containercodes.lab.InvalidInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings that hand a container the host. The lab refuses them unless the user consents ({@code
 * --i-understand}), and says in one sentence what each would give away; a few things it refuses
 * whatever the user says (a mount source that does not exist, a join of a container the engine
 * cannot show, a profile it cannot read), because it cannot judge them.
 *
 * <p>One set of rules for every line that reaches the engine: typed at {@code try}, written at an
 * exercise prompt, read from a lesson pack's demo (steps and helpers alike), built by the audit or
 * the sandbox. {@link Engine} applies them to every container it creates, and judges the engine's
 * record of the container again after it is created and before it starts ({@link RecordCheck}), so
 * neither a path that forgets to ask nor a change between the check and the create slips past.
 *
 * <p>Mounts are judged by what they are and contain ({@link MountRules}), security options and
 * seccomp profiles by what they switch off or allow ({@link SecurityOptions}), namespaces joined
 * from another container by that container's own record.
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

  /** One reason a line is dangerous to the host: the flag as written and what it gives away. */
  public record Violation(String flag, String reason) {
    public String sentence() {
      return flag + " " + reason;
    }
  }

  /**
   * What the rules found in one spec: what needs consent, what is refused whatever the user says,
   * and what the user should know about what runs.
   */
  public record Judgement(
      List<Violation> violations,
      List<Violation> refusals,
      List<String> notes,
      Map<String, Path> sources) {
    /**
     * @param sources each bind mount's container path → the real host path the rules judged, which
     *     the engine's record must still show after the create
     */
    public Judgement {
      violations = List.copyOf(violations);
      refusals = List.copyOf(refusals);
      notes = List.copyOf(notes);
      sources = Map.copyOf(sources);
    }
  }

  private final List<Path> engineRuntime;
  private final MountRules mounts;
  private final SecurityOptions security;
  private final ContainerLookup lookup;

  private Guardrails(
      List<Path> engineRuntime,
      MountRules mounts,
      SecurityOptions security,
      ContainerLookup lookup) {
    this.engineRuntime = List.copyOf(engineRuntime);
    this.mounts = mounts;
    this.security = security;
    this.lookup = lookup;
  }

  /**
   * These rules on one engine: its own default seccomp profile is the baseline, and the engine is
   * asked what a {@code container:NAME} join would share.
   */
  Guardrails onEngine(EngineKind kind, String version, ContainerLookup lookup) {
    return new Guardrails(
        engineRuntime,
        mounts,
        new SecurityOptions(
            () -> SeccompBaseline.forEngine(kind, version), security.teachingDemos()),
        lookup);
  }

  /**
   * These rules judging a demo run before its helpers exist: a {@code container:NAME} join of one
   * of {@code peers} (a helper of the same run, by the name the lab gives it) is judged by that
   * helper's spec as admitted, as the engine's record of it will be once it runs. A join of any
   * other container is judged as these rules judge it (before an engine is connected: it needs
   * consent). The engine judges each run again when it starts, from its records.
   *
   * @param peers container name → the spec its container is created from
   */
  public Guardrails withPeers(String runId, Map<String, RunSpec> peers) {
    if (peers.isEmpty()) {
      return this;
    }
    Map<String, RunSpec> planned = Map.copyOf(peers);
    Map<String, String> labels = Map.of(LabLabels.LAB, "1", LabLabels.RUN_ID, runId);
    ContainerLookup engine = lookup;
    return new Guardrails(
        engineRuntime,
        mounts,
        security,
        name -> {
          if (planned.containsKey(name)) {
            return Optional.of(new ContainerLookup.Target(name, labels, planned.get(name)));
          }
          if (engine == null) {
            throw new ContainerLookup.NoEngine();
          }
          return engine.find(name);
        });
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
    Path home = homeOf(env);
    if (h != null && h.startsWith("/")) {
      // rootless Podman keeps its storage (every image and container layer) under the home
      // directory
      paths.add(
          real(Path.of(env.getOrDefault("XDG_DATA_HOME", h + "/.local/share"), "containers")));
    }
    List<Path> real = paths.stream().map(Guardrails::real).distinct().toList();
    Optional<Path> teaching =
        LabInstallation.otherPack(env).isPresent()
            ? Optional.empty()
            : LabInstallation.checkout().map(c -> c.resolve("demos"));
    return new Guardrails(
        real,
        new MountRules(real, home, WorkingFolders.forHost(env, home)),
        new SecurityOptions(SeccompBaseline::unknownEngine, teaching),
        null);
  }

  /** The user's home directory as the guardrails see it (real path), or null when it has none. */
  static Path homeOf(Map<String, String> env) {
    String h = env.getOrDefault("HOME", System.getProperty("user.home"));
    return h == null || h.isBlank() || h.equals("/") ? null : real(Path.of(h));
  }

  /** The first line of every refusal of a line: the admission's, and the engine's own. */
  public static final String REFUSED = "The lab will not run this line as it is:";

  /**
   * Refuses a spec that hands over the host, unless its line carries the user's consent, and one
   * the lab cannot judge whatever the user says: the engine's own judgement of what the admission
   * let through, in case anything ever slips past it.
   *
   * @return what was found, for the engine's check of its own record after the create
   */
  public Judgement enforce(RunSpec spec) {
    Judgement j = judge(spec);
    if (!j.refusals().isEmpty()) {
      throw refusal("The lab cannot run this line:", everything(j), CANNOT_CONSENT);
    }
    if (!spec.consent() && !j.violations().isEmpty()) {
      throw refusal(
          REFUSED, j.violations(), "If this is what you mean to study, add --i-understand.");
    }
    return j;
  }

  /** What needs consent, then what the lab cannot judge: a refusal names every reason at once. */
  private static List<Violation> everything(Judgement j) {
    List<Violation> all = new ArrayList<>(j.violations());
    all.addAll(j.refusals());
    return all;
  }

  static final String CANNOT_CONSENT =
      "--i-understand does not change this: the lab cannot judge the line as it is. Correct it.";

  /**
   * The gate every caller passes a line through before it runs: refuses what needs consent when the
   * spec has none (and what the lab cannot judge, always), and returns what to tell the user
   * otherwise ("running despite: …" for what was consented to, notes on read-only system mounts and
   * the lab's teaching profiles).
   */
  public List<String> admit(RunSpec spec, String headline, String fix) {
    return admitted(spec, headline, fix).notices();
  }

  /**
   * What {@link #admitted} let through: the notices to show, and the judgement behind them, which
   * an admitted run carries to {@link Engine#run} so these same rules need not judge it again.
   */
  public record Admitted(List<String> notices, Judgement judgement, Guardrails by) {
    public Admitted {
      notices = List.copyOf(notices);
    }
  }

  /** {@link #admit}, keeping the judgement for the engine. */
  public Admitted admitted(RunSpec spec, String headline, String fix) {
    Judgement j = judge(spec);
    if (!j.refusals().isEmpty()) {
      throw refusal(headline, everything(j), CANNOT_CONSENT);
    }
    if (!j.violations().isEmpty() && !spec.consent()) {
      throw refusal(headline, j.violations(), fix);
    }
    List<String> notices = new ArrayList<>();
    j.violations().forEach(x -> notices.add("running despite: " + x.sentence()));
    notices.addAll(j.notes());
    return new Admitted(notices, j, this);
  }

  /** The one wording of a refusal, so try, the REPL, run and lint say the same thing. */
  public static InvalidInput refusal(String headline, List<Violation> violations, String fix) {
    StringBuilder b = new StringBuilder(headline);
    violations.forEach(x -> b.append("\n  - ").append(x.sentence()));
    return new InvalidInput(b.toString(), fix);
  }

  /** Every reason this spec is dangerous to the host; empty when it is not. */
  public List<Violation> violations(RunSpec spec) {
    return judge(spec).violations();
  }

  SecurityOptions security() {
    return security;
  }

  /**
   * The calls a seccomp profile (the engines' JSON) lets through further than the default profile
   * these rules compare with — the engine's own once connected, else the strictest the lab knows —
   * notable ones first. A profile that opens any is judged as no filter at all; one the lab builds
   * itself (the sandbox's) closes them first.
   *
   * @throws IllegalArgumentException when the text is not a seccomp profile
   */
  public List<String> seccompOpens(String profileJson) {
    return security.opens(profileJson);
  }

  /** Everything the rules find in a spec. */
  public Judgement judge(RunSpec spec) {
    return judge(spec, 0);
  }

  /** What a joined container shares with the host: its violations and what the lab cannot judge. */
  List<Violation> judgeJoined(RunSpec target, int depth) {
    Judgement j = judge(target, depth);
    List<Violation> all = new ArrayList<>(j.violations());
    all.addAll(j.refusals());
    return all;
  }

  private Judgement judge(RunSpec spec, int depth) {
    List<Violation> v = new ArrayList<>();
    List<Violation> refused = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (spec.privileged()) {
      v.add(
          new Violation(
              "--privileged",
              "gives the container every capability and every host device, and turns "
                  + "off seccomp: root in it is close to root on the host."));
    }
    namespaces(v, spec);
    new NamespaceJoins(this, lookup, depth).judge(spec, v, refused);
    for (RunSpec.Device d : spec.devices()) {
      v.add(
          new Violation(
              "--device " + d.hostPath(),
              "hands the container a host device: it talks to the host's "
                  + "kernel driver directly, outside what the container's namespaces isolate."));
    }
    spec.capAdd().forEach(cap -> capability(v, cap));
    for (String opt : spec.securityOpts()) {
      SecurityOptions.Verdict verdict = security.judge(opt);
      add(v, verdict.violation(), "--security-opt " + opt);
      add(refused, verdict.refusal(), "--security-opt " + opt);
      if (verdict.note() != null) {
        notes.add(verdict.note());
      }
    }
    hostResources(v, spec);
    Map<String, Path> sources = new java.util.HashMap<>();
    for (RunSpec.BindMount b : spec.binds()) {
      add(refused, MountRules.missing(b), "-v " + b.hostPath());
      add(v, mounts.problem(b), "-v " + b.hostPath());
      sources.put(b.containerPath(), real(Path.of(b.hostPath())));
    }
    notes.addAll(readOnlySystemNotes(spec));
    return new Judgement(v, refused, notes, sources);
  }

  private static void add(List<Violation> into, String reason, String flag) {
    if (reason != null) {
      into.add(new Violation(flag, reason));
    }
  }

  /** The network's loopback and the cgroup tree: host resources reached without a namespace. */
  private static void hostResources(List<Violation> v, RunSpec spec) {
    add(v, NetworkModes.loopbackExposure(spec.network()), "--network " + spec.network());
    if (spec.cgroupParent() != null && !spec.cgroupParent().isBlank()) {
      v.add(
          new Violation(
              "--cgroup-parent " + spec.cgroupParent(),
              "places the container's cgroup where the line says instead of under the engine's"
                  + " own: limits set on the engine's or the user's slice no longer hold it, and"
                  + " / puts it at the top of the host's tree."));
    }
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

  /**
   * What the user should know about a spec that passes: read-only system mounts, teaching profiles.
   */
  public List<String> notes(RunSpec spec) {
    return judge(spec).notes();
  }

  /** Read-only mounts of host program trees are allowed; the note says what they still show. */
  private static List<String> readOnlySystemNotes(RunSpec spec) {
    List<String> notes = new ArrayList<>();
    for (RunSpec.BindMount b : spec.binds()) {
      if (b.readOnly() && MountRules.isSystemTree(real(Path.of(b.hostPath())))) {
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
