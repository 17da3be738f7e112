package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Ulimit;
import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Creates a labelled container from a {@link RunSpec}, translating the spec into the engine's
 * create request and each engine's quirks (seccomp profiles, Podman's read-only tmpfs).
 */
final class ContainerCreator {
  private final DockerClient client;
  private final EngineKind kind;
  private final Guardrails rules;

  /** Whether the engine does not see this machine's files: profiles are then copied in. */
  private volatile java.util.function.BooleanSupplier copyProfiles = () -> false;

  void copyProfilesWhen(java.util.function.BooleanSupplier unseen) {
    copyProfiles = unseen;
  }

  /** This process's objects, through which a copy of the profiles is made (see HostCopies). */
  private final LiveObjects live;

  ContainerCreator(DockerClient client, EngineKind kind, Guardrails rules, LiveObjects live) {
    this.client = client;
    this.kind = kind;
    this.rules = rules;
    this.live = live;
  }

  /**
   * The new container's id. Private copies of seccomp profiles made for Podman are removed once the
   * engine has read them, which it does at the create.
   */
  String create(RunSpec spec) {
    Path profiles = null;
    try {
      List<String> opts = new ArrayList<>();
      for (String opt : spec.securityOpts()) {
        if (isProfile(opt) && profiles == null && kind == EngineKind.PODMAN) {
          profiles = LabDirectories.newWorkFolder("cclab-seccomp-");
        }
        opts.add(securityOpt(opt, spec.consent(), profiles));
      }
      if (profiles != null && copyProfiles.getAsBoolean()) {
        Path folder = profiles;
        return HostCopies.onEngine(
            client,
            live,
            spec.image(),
            folder,
            there -> create(spec, onEngine(opts, folder, there)));
      }
      return create(spec, opts);
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Cannot keep a private copy of the seccomp profile: " + e.getMessage(), null, e);
    } finally {
      if (profiles != null) {
        FileTrees.deleteQuietly(profiles);
      }
    }
  }

  /** The profiles' paths where the engine reads them: their copy's ({@link HostCopies}). */
  private static List<String> onEngine(List<String> opts, Path profiles, String there) {
    return opts.stream().map(o -> o.replace(profiles.toString(), there)).toList();
  }

  private String create(RunSpec spec, List<String> securityOpts) {
    CreateContainerCmd cmd =
        client
            .createContainerCmd(spec.image())
            .withLabels(labels(spec))
            .withHostConfig(hostConfig(spec, securityOpts))
            .withAttachStdin(false)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withTty(false);
    processSettings(spec, cmd);
    try {
      return cmd.exec().getId();
    } catch (NotFoundException e) {
      throw missing(spec, e);
    }
  }

  private static Map<String, String> labels(RunSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.putAll(LabLabels.forNewObject()); // over the line's own: a line cannot name a run
    if (spec.runId() != null) {
      labels.put(LabLabels.RUN_ID, spec.runId());
    }
    return labels;
  }

  private HostConfig hostConfig(RunSpec spec, List<String> securityOpts) {
    HostConfig host =
        HostConfig.newHostConfig()
            .withMemory(spec.memoryBytes())
            .withMemorySwap(spec.memorySwapBytes())
            .withNanoCPUs(spec.nanoCpus())
            .withPidsLimit(spec.pidsLimit())
            .withReadonlyRootfs(spec.readOnlyRoot())
            .withInit(spec.init() ? Boolean.TRUE : null)
            .withPrivileged(spec.privileged() ? Boolean.TRUE : null)
            .withNetworkMode(spec.network())
            .withPidMode(spec.pidMode())
            .withIpcMode(spec.ipcMode())
            .withUtSMode(spec.utsMode())
            .withUsernsMode(spec.userns());
    mountsAndDevices(spec, host);
    privileges(spec, host);
    if (!securityOpts.isEmpty()) {
      host.withSecurityOpts(securityOpts);
    }
    serviceSettings(spec, host);
    return host;
  }

  private static void mountsAndDevices(RunSpec spec, HostConfig host) {
    if (!spec.ulimits().isEmpty()) {
      host.withUlimits(
          spec.ulimits().stream().map(u -> new Ulimit(u.name(), u.soft(), u.hard())).toList());
    }
    if (!spec.tmpfs().isEmpty()) {
      Map<String, String> tmpfs = new LinkedHashMap<>();
      spec.tmpfs()
          .forEach(t -> tmpfs.put(t.containerPath(), t.options() == null ? "" : t.options()));
      host.withTmpFs(tmpfs);
    }
    if (!spec.binds().isEmpty() || !spec.volumes().isEmpty()) {
      List<Bind> binds =
          new ArrayList<>(spec.binds().stream().map(ContainerCreator::bind).toList());
      // a name where the source goes: the engine mounts its volume of that name
      spec.volumes()
          .forEach(
              v ->
                  binds.add(
                      Bind.parse(
                          v.name()
                              + ":"
                              + v.containerPath()
                              + ":"
                              + (v.readOnly() ? "ro" : "rw"))));
      host.withBinds(binds);
    }
    if (!spec.devices().isEmpty()) {
      host.withDevices(
          spec.devices().stream()
              .map(d -> new Device(d.permissions(), d.containerPath(), d.hostPath()))
              .toList());
    }
  }

  private void privileges(RunSpec spec, HostConfig host) {
    if (!spec.capDrop().isEmpty()) {
      host.withCapDrop(
          spec.capDrop().stream().map(ContainerCreator::capability).toArray(Capability[]::new));
    }
    if (!spec.capAdd().isEmpty()) {
      host.withCapAdd(
          spec.capAdd().stream().map(ContainerCreator::capability).toArray(Capability[]::new));
    }
  }

  /** Command, environment, user, names, ports and health check of the container's process. */
  private static void processSettings(RunSpec spec, CreateContainerCmd cmd) {
    if (!spec.networkAliases().isEmpty()) {
      cmd.withAliases(spec.networkAliases());
    }
    if (!spec.command().isEmpty()) {
      cmd.withCmd(spec.command());
    }
    if (spec.entrypoint() != null) {
      cmd.withEntrypoint(spec.entrypoint());
    }
    if (!spec.env().isEmpty()) {
      List<String> env = new ArrayList<>();
      spec.env().forEach((k, v) -> env.add(k + "=" + v));
      cmd.withEnv(env);
    }
    if (spec.workdir() != null) {
      cmd.withWorkingDir(spec.workdir());
    }
    if (spec.user() != null) {
      cmd.withUser(spec.user());
    }
    if (spec.hostname() != null) {
      cmd.withHostName(spec.hostname());
    }
    if (spec.name() != null) {
      cmd.withName(spec.name());
    }
    if (!spec.publish().isEmpty()) {
      cmd.withExposedPorts(spec.publish().stream().map(ContainerCreator::exposed).toList());
    }
    if (spec.healthCmd() != null) {
      cmd.withHealthcheck(new HealthCheck().withTest(List.of("CMD-SHELL", spec.healthCmd())));
    }
  }

  /** What a create that found nothing to create from means, in the lab's words. */
  private RuntimeException missing(RunSpec spec, NotFoundException e) {
    if (!imageExists(spec.image())) {
      // the line names an image this engine does not have: the learner's to fix, not the
      // machine's (exit 1, not 3), and in one sentence instead of the engine's JSON
      return new EngineRefused(
          "no such image: "
              + spec.image().replaceAll("\\p{Cntrl}", "?")
              + " — see `cclab images list`",
          "The lab's images are cclab/busybox and cclab/python (cclab images prepare gets them);"
              + " any other image must be on the engine first (podman pull / docker pull).",
          e);
    }
    // the image is there: something else the line names is not (a network, a volume)
    return new EngineRefused(
        "The engine cannot create the container: " + EngineMessages.sentence(e) + ".",
        RefusalCause.fixFor(EngineClients.rootMessage(e), spec),
        EngineMessages.raw(e),
        e);
  }

  private boolean imageExists(String image) {
    try {
      client.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      return true; // cannot tell: keep the engine's own message
    }
  }

  /**
   * Ports, CPU shares, cgroup parent and Podman's read-only tmpfs. A restart policy is never
   * applied: the lab runs a container once, and a restart would run untrusted code again after the
   * lab's own timeout killed it.
   */
  private void serviceSettings(RunSpec spec, HostConfig host) {
    if (!spec.publish().isEmpty()) {
      // Whatever address the line asks for, the lab binds to loopback: its containers are
      // never reachable from outside this machine.
      Ports ports = new Ports();
      for (RunSpec.Publish p : spec.publish()) {
        ports.bind(
            exposed(p),
            p.hostPort() == null
                ? Ports.Binding.bindIp(LOOPBACK)
                : Ports.Binding.bindIpAndPort(LOOPBACK, p.hostPort()));
      }
      host.withPortBindings(ports);
    }
    if (spec.cpuShares() != null) {
      host.withCpuShares(spec.cpuShares().intValue());
    }
    if (spec.cgroupParent() != null) {
      host.withCgroupParent(spec.cgroupParent());
    }
    if (spec.readOnlyRoot()
        && Boolean.FALSE.equals(spec.readOnlyTmpfs())
        && kind == EngineKind.PODMAN) {
      // Podman's compat API always mounts writable tmpfs on /run, /tmp and /var/tmp under
      // --read-only (its ReadOnlyTmpFS is hard-wired to true there). Read-only tmpfs at those
      // places give what --read-only-tmpfs=false gives Podman 4.3's CLI there (the engine's /dev,
      // /dev/shm and /dev/mqueue stay writable, as on 4.3; the CLI makes /dev and /dev/shm
      // read-only from 4.7 on, podman#19422). Docker adds none of them: nothing to undo.
      Map<String, String> tmpfs =
          new LinkedHashMap<>(host.getTmpFs() == null ? Map.of() : host.getTmpFs());
      for (String path : READ_ONLY_TMPFS_PATHS) {
        boolean mounted =
            tmpfs.containsKey(path)
                || spec.binds().stream().anyMatch(b -> b.containerPath().equals(path));
        if (!mounted) {
          tmpfs.put(path, "ro,nosuid,nodev,noexec,size=64k");
        }
      }
      host.withTmpFs(tmpfs);
    }
  }

  private static final String LOOPBACK = "127.0.0.1";

  /** Where Podman mounts a writable tmpfs for --read-only unless --read-only-tmpfs=false. */
  static final List<String> READ_ONLY_TMPFS_PATHS = List.of("/run", "/tmp", "/var/tmp");

  private static ExposedPort exposed(RunSpec.Publish p) {
    return new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
  }

  /**
   * The engine gets the source's real path, resolved now: a symlink on the line that is swapped
   * after the guardrails judged it changes nothing, and what a swapped directory on the real path
   * would change, the check of the engine's record sees ({@link RecordCheck}).
   */
  private static Bind bind(RunSpec.BindMount b) {
    List<String> opts = new ArrayList<>(b.options());
    opts.add(0, b.readOnly() ? "ro" : "rw");
    String source = Guardrails.real(Path.of(b.hostPath())).toString();
    return Bind.parse(source + ":" + b.containerPath() + ":" + String.join(",", opts));
  }

  private static Capability capability(String name) {
    String n = name.toUpperCase(Locale.ROOT).startsWith("CAP_") ? name.substring(4) : name;
    try {
      return Capability.valueOf(n.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(
          "Unknown capability '" + Quote.input(name) + "'.",
          "Use a name such as NET_RAW, SYS_ADMIN or ALL.");
    }
  }

  private static boolean isProfile(String opt) {
    return opt.startsWith("seccomp=") && !opt.equals("seccomp=unconfined");
  }

  /**
   * A seccomp profile is read once, here, judged, and those very bytes reach the engine: Docker's
   * API takes the JSON text (as its CLI reads the file for you), Podman's compat API a path, which
   * is then a private copy. A file changed after the guardrails' first look cannot slip in.
   */
  private String securityOpt(String opt, boolean consent, Path privateDir) throws IOException {
    if (!isProfile(opt)) {
      return opt;
    }
    String path = opt.substring("seccomp=".length());
    byte[] bytes;
    try {
      bytes = SecurityOptions.read(Path.of(path));
    } catch (IOException e) {
      throw new InvalidInput(
          "Cannot read the seccomp profile " + Quote.input(path) + ": " + e.getMessage(), null);
    }
    SecurityOptions.Verdict v = rules.security().profile(path, bytes);
    String why = v.refusal() != null ? v.refusal() : consent ? null : v.violation();
    if (why != null) {
      throw Guardrails.refusal(
          Guardrails.REFUSED,
          List.of(new Guardrails.Violation("--security-opt " + opt, why)),
          "The profile changed after the lab first read it, or needs --i-understand.");
    }
    if (kind != EngineKind.PODMAN) {
      return "seccomp=" + new String(bytes, StandardCharsets.UTF_8);
    }
    Path copy = Files.createTempFile(privateDir, "profile-", ".json");
    Files.write(copy, bytes);
    return "seccomp=" + copy;
  }
}
