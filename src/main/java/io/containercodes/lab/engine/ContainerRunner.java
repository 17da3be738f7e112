package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ChangeLog;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.transport.DockerHttpClient;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one {@link RunSpec} to completion: create (labelled), attach, start, follow stats, wait with
 * a hard timeout, inspect, remove. Output comes from an attach made before the container starts,
 * never from the logs endpoint (see {@link #startAndObserve}).
 */
final class ContainerRunner {
  static final int OUTPUT_LIMIT = 256 * 1024;
  private static final long DRAIN_MS = 5_000;

  private final DockerClient client;
  private final EngineKind kind;
  private final LiveObjects live;
  private final java.util.function.Supplier<UnixSocketHttpClient> raw;

  /**
   * @param raw the bare transport to a Unix socket, for libpod's wait on Podman; null to use the
   *     compat wait
   */
  ContainerRunner(
      DockerClient client,
      EngineKind kind,
      LiveObjects live,
      java.util.function.Supplier<UnixSocketHttpClient> raw) {
    this.client = client;
    this.kind = kind;
    this.live = live;
    this.raw = raw;
  }

  Outcome run(RunSpec spec, OutputListener listener) {
    try (EventRecorder events = spec.captureEvents() ? EventRecorder.start(client) : null) {
      String id = live.createContainer(() -> create(spec));
      Outcome outcome;
      try {
        outcome = startAndObserve(id, spec, listener);
      } finally {
        remove(id, false);
        live.remove(id);
      }
      return events == null ? outcome : outcome.withEvents(events.eventsOf(id));
    }
  }

  private Outcome startAndObserve(String id, RunSpec spec, OutputListener listener) {
    OutputCapture out = new OutputCapture(OUTPUT_LIMIT, listener::stdout);
    OutputCapture err = new OutputCapture(OUTPUT_LIMIT, listener::stderr);
    AtomicLong peak = new AtomicLong(-1);
    AtomicLong cpu = new AtomicLong(-1);
    AtomicLong pids = new AtomicLong(-1);
    // Attach before start, as the engines' own CLIs do: Podman's compat logs endpoint drops
    // lines while following a busy container (measured: seq 1 100000 lost lines from 842 on),
    // and attaching to a container that already exited would reset its state on Podman.
    ResultCallback.Adapter<Frame> output =
        client
            .attachContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(true)
            .withLogs(true)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Frame frame) {
                    switch (frame.getStreamType()) {
                      case STDERR -> err.accept(frame.getPayload());
                      default -> out.accept(frame.getPayload());
                    }
                  }
                });
    try {
      output.awaitStarted(DRAIN_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long started = System.nanoTime();
    client.startContainerCmd(id).exec();
    ResultCallback.Adapter<Statistics> stats =
        client
            .statsCmd(id)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Statistics s) {
                    if (s == null) {
                      return;
                    }
                    if (s.getCpuStats() != null
                        && s.getCpuStats().getCpuUsage() != null
                        && s.getCpuStats().getCpuUsage().getTotalUsage() != null) {
                      cpu.accumulateAndGet(
                          s.getCpuStats().getCpuUsage().getTotalUsage(), Math::max);
                    }
                    if (s.getPidsStats() != null && s.getPidsStats().getCurrent() != null) {
                      pids.accumulateAndGet(s.getPidsStats().getCurrent(), Math::max);
                    }
                    if (s.getMemoryStats() == null) {
                      return;
                    }
                    Long used =
                        max(s.getMemoryStats().getUsage(), s.getMemoryStats().getMaxUsage());
                    if (used != null && used > 0) {
                      peak.accumulateAndGet(used, Math::max);
                      listener.memory(used, spec.memoryBytes());
                    }
                  }

                  @Override
                  public void onError(Throwable throwable) {
                    // stats are best effort: a container that exits first has none
                  }
                });

    boolean timedOut =
        kind == EngineKind.PODMAN && raw != null
            ? libpodWait(id, spec.timeout().toMillis())
            : compatWait(id, spec.timeout().toMillis());
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    try {
      output.awaitCompletion(DRAIN_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Quietly.close(output);
    Quietly.close(stats);

    InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
    InspectContainerResponse.ContainerState state = inspected.getState();
    List<String> changes = spec.captureChanges() ? changes(id, spec) : List.of();
    Long exit = state.getExitCodeLong();
    int exitCode = exit == null ? -1 : exit.intValue();
    Long peakBytes = peak.get() > 0 ? peak.get() : null;
    OomVerdict.Verdict oom =
        OomVerdict.decide(
            Boolean.TRUE.equals(state.getOOMKilled()),
            exitCode,
            spec.memoryBytes(),
            peakBytes,
            timedOut);
    return new Outcome(
        id,
        exitCode,
        oom.oomKilled(),
        oom.evidence(),
        timedOut,
        duration,
        peakBytes,
        spec.memoryBytes(),
        out.finish(),
        err.finish(),
        changes,
        cpu.get() >= 0 ? cpu.get() : null,
        pids.get() >= 0 ? pids.get() : null,
        InspectedFacts.from(inspected),
        null);
  }

  /** Docker's wait; true when the timeout passed first (the container is then killed). */
  private boolean compatWait(String id, long timeoutMs) {
    WaitContainerResultCallback wait =
        client.waitContainerCmd(id).exec(new WaitContainerResultCallback());
    try {
      wait.awaitStatusCode(timeoutMs, TimeUnit.MILLISECONDS);
      return false;
    } catch (DockerClientException e) {
      if (Thread.currentThread().isInterrupted()
          || !(e.getMessage() != null && e.getMessage().contains("timeout"))) {
        kill(id);
        throw e;
      }
      kill(id);
      return true;
    } finally {
      Quietly.close(wait);
    }
  }

  /**
   * Podman's own wait ({@code POST /libpod/containers/ID/wait?condition=exited}), a raw request
   * through docker-java's transport. Podman's compat wait returns only after its cleanup process
   * has run; libpod's returns when the container has exited (bench/run, "wait" in the phases
   * table). True when the timeout passed first (the container is then killed).
   */
  private boolean libpodWait(String id, long timeoutMs) {
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path(
                "/v4.0.0/libpod/containers/"
                    + id
                    + "/wait?condition=exited&interval="
                    + LIBPOD_WAIT_POLL)
            .build();
    try (DockerHttpClient.Response response =
        raw.get().executeWithin(request, Duration.ofMillis(timeoutMs))) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() != 200) {
        kill(id);
        throw new DockerClientException(
            "Podman's wait for "
                + id
                + " failed: HTTP "
                + response.getStatusCode()
                + " "
                + body.strip());
      }
      return false;
    } catch (IOException | java.io.UncheckedIOException e) {
      kill(id);
      if (UnixSocketHttpClient.expired(e) && !Thread.currentThread().isInterrupted()) {
        return true;
      }
      throw new DockerClientException(
          "waiting for " + id + " failed: " + EngineClients.rootMessage(e), e);
    }
  }

  /** How often Podman's libpod wait looks at the container (its default is 250 ms). */
  static final String LIBPOD_WAIT_POLL = "20ms";

  /** What the engines themselves add to every container (mount points, DNS files), not the code. */
  static final java.util.Set<String> ENGINE_MADE =
      java.util.Set.of(
          "C /etc",
          "A /etc/hosts",
          "C /etc/hosts",
          "A /etc/resolv.conf",
          "C /etc/resolv.conf",
          "A /etc/hostname",
          "C /etc/hostname",
          "C /run",
          "A /run/.containerenv",
          "A /.containerenv",
          "C /var",
          "A /var/tmp",
          "C /var/tmp",
          "C /tmp",
          "A /tmp",
          "A /run",
          "C /dev",
          "A /dev",
          "A /run/secrets",
          "C /run/secrets");

  /**
   * The engine's changes, without what the engine made itself ({@link #ENGINE_MADE}) and without
   * the mount points it created for the spec's own mounts (a bind to /app/test.py shows up as "A
   * /app" and "A /app/test.py"): those are not the code's doing.
   */
  private List<String> changes(String id, RunSpec spec) {
    List<ChangeLog> log = client.containerDiffCmd(id).exec();
    if (log == null) {
      return List.of();
    }
    java.util.Set<String> mountPaths = new java.util.HashSet<>();
    java.util.stream.Stream.concat(
            spec.binds().stream().map(RunSpec.BindMount::containerPath),
            spec.tmpfs().stream().map(RunSpec.Tmpfs::containerPath))
        .forEach(
            p -> {
              for (String q = p;
                  q.length() > 1;
                  q = q.substring(0, Math.max(1, q.lastIndexOf('/')))) {
                mountPaths.add(q);
              }
            });
    return log.stream()
        .filter(c -> c.getKind() == null || c.getKind() == 2 || !mountPaths.contains(c.getPath()))
        .map(
            c ->
                (c.getKind() == null
                        ? "?"
                        : switch (c.getKind()) {
                          case 0 -> "C";
                          case 1 -> "A";
                          case 2 -> "D";
                          default -> "?";
                        })
                    + " "
                    + c.getPath())
        .filter(c -> !ENGINE_MADE.contains(c))
        .sorted()
        .toList();
  }

  /**
   * Starts a container that keeps running (a helper such as a canary server); the caller removes
   * it.
   */
  String startDetached(RunSpec spec) {
    String id = live.createContainer(() -> create(spec));
    try {
      client.startContainerCmd(id).exec();
      return id;
    } catch (RuntimeException e) {
      remove(id, true);
      live.remove(id);
      throw e;
    }
  }

  /** All output of a container so far (never attach here: it may have exited). */
  CapturedText[] logs(String id) {
    OutputCapture out = new OutputCapture(OUTPUT_LIMIT, s -> {});
    OutputCapture err = new OutputCapture(OUTPUT_LIMIT, s -> {});
    try {
      client
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .withFollowStream(false)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  (frame.getStreamType() == com.github.dockerjava.api.model.StreamType.STDERR
                          ? err
                          : out)
                      .accept(frame.getPayload());
                }
              })
          .awaitCompletion(DRAIN_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new CapturedText[] {out.finish(), err.finish()};
  }

  void stopHelper(String id) {
    remove(id, true);
    live.remove(id);
  }

  private String create(RunSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.putAll(LabLabels.forNewObject());
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
    if (!spec.ulimits().isEmpty()) {
      host.withUlimits(
          spec.ulimits().stream()
              .map(u -> new com.github.dockerjava.api.model.Ulimit(u.name(), u.soft(), u.hard()))
              .toList());
    }
    if (!spec.tmpfs().isEmpty()) {
      Map<String, String> tmpfs = new LinkedHashMap<>();
      spec.tmpfs()
          .forEach(t -> tmpfs.put(t.containerPath(), t.options() == null ? "" : t.options()));
      host.withTmpFs(tmpfs);
    }
    if (!spec.binds().isEmpty()) {
      host.withBinds(spec.binds().stream().map(ContainerRunner::bind).toList());
    }
    if (!spec.devices().isEmpty()) {
      host.withDevices(
          spec.devices().stream()
              .map(
                  d ->
                      new com.github.dockerjava.api.model.Device(
                          d.permissions(), d.containerPath(), d.hostPath()))
              .toList());
    }
    if (!spec.capDrop().isEmpty()) {
      host.withCapDrop(
          spec.capDrop().stream().map(ContainerRunner::capability).toArray(Capability[]::new));
    }
    if (!spec.capAdd().isEmpty()) {
      host.withCapAdd(
          spec.capAdd().stream().map(ContainerRunner::capability).toArray(Capability[]::new));
    }
    if (!spec.securityOpts().isEmpty()) {
      host.withSecurityOpts(spec.securityOpts().stream().map(this::securityOpt).toList());
    }
    serviceSettings(spec, host);

    CreateContainerCmd cmd =
        client
            .createContainerCmd(spec.image())
            .withLabels(labels)
            .withHostConfig(host)
            .withAttachStdin(false)
            .withAttachStdout(true)
            .withAttachStderr(true)
            .withTty(false);
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
    if (!spec.publish().isEmpty()) {
      cmd.withExposedPorts(spec.publish().stream().map(ContainerRunner::exposed).toList());
    }
    if (spec.healthCmd() != null) {
      cmd.withHealthcheck(
          new com.github.dockerjava.api.model.HealthCheck()
              .withTest(List.of("CMD-SHELL", spec.healthCmd())));
    }
    try {
      return cmd.exec().getId();
    } catch (NotFoundException e) {
      if (!imageExists(spec.image())) {
        // the line names an image this engine does not have: the learner's to fix, not the
        // machine's
        // (exit 1, not 3), and in one sentence instead of the engine's JSON
        throw new io.containercodes.lab.EngineRefused(
            "no such image: "
                + spec.image().replaceAll("\\p{Cntrl}", "?")
                + " — see `cclab images list`",
            "The lab's images are cclab/busybox and cclab/python (cclab images prepare gets them);"
                + " any other image must be on the engine first (podman pull / docker pull).",
            e);
      }
      throw new EnvironmentProblem(
          "The engine cannot create the container: " + EngineClients.rootMessage(e),
          "If an image is missing, run 'cclab images prepare' (lab images) or pull it with your"
              + " engine.",
          e);
    }
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
      com.github.dockerjava.api.model.Ports ports = new com.github.dockerjava.api.model.Ports();
      for (RunSpec.Publish p : spec.publish()) {
        ports.bind(
            exposed(p),
            p.hostPort() == null
                ? com.github.dockerjava.api.model.Ports.Binding.bindIp(LOOPBACK)
                : com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort(
                    LOOPBACK, p.hostPort()));
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
      // places give what --read-only-tmpfs=false gives the CLI: nothing writable. Docker adds
      // none of them, so there is nothing to undo.
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

  private static com.github.dockerjava.api.model.ExposedPort exposed(RunSpec.Publish p) {
    return new com.github.dockerjava.api.model.ExposedPort(
        p.containerPort(), com.github.dockerjava.api.model.InternetProtocol.parse(p.protocol()));
  }

  private static Bind bind(RunSpec.BindMount b) {
    List<String> opts = new ArrayList<>(b.options());
    opts.add(0, b.readOnly() ? "ro" : "rw");
    return Bind.parse(b.hostPath() + ":" + b.containerPath() + ":" + String.join(",", opts));
  }

  private static Capability capability(String name) {
    String n = name.toUpperCase().startsWith("CAP_") ? name.substring(4) : name;
    try {
      return Capability.valueOf(n.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(
          "Unknown capability '" + name + "'.", "Use a name such as NET_RAW, SYS_ADMIN or ALL.");
    }
  }

  /**
   * Docker's API takes a seccomp profile's JSON text, as its CLI reads the file for you; Podman's
   * compat API takes the path and reads the file itself.
   */
  private String securityOpt(String opt) {
    if (!opt.startsWith("seccomp=")
        || opt.equals("seccomp=unconfined")
        || kind == EngineKind.PODMAN) {
      return opt;
    }
    Path profile = Path.of(opt.substring("seccomp=".length()));
    try {
      return "seccomp=" + Files.readString(profile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInput(
          "Cannot read the seccomp profile " + profile + ": " + e.getMessage(), null);
    }
  }

  void kill(String id) {
    try {
      client.killContainerCmd(id).exec();
    } catch (RuntimeException ignored) {
      // already exited
    }
  }

  /**
   * Kills first when asked: Podman's forced removal of a running container waits 10 s for SIGTERM.
   */
  void remove(String id, boolean killFirst) {
    if (killFirst) {
      kill(id);
    }
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException ignored) {
      // gone already
    }
  }

  private static Long max(Long a, Long b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.max(a, b);
  }
}
