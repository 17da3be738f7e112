package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.EnvironmentProblem;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs a lab run on a Docker Swarm (opt-in: {@code CCLAB_CLUSTER=swarm}, issue #32): the run
 * becomes a one-shot replicated-job service (one completion, restart none) whose spec {@link
 * SwarmMapping} builds from the admitted run, or refuses with a sentence. Its output comes from the
 * service's logs, its exit status and failure from the task's status, and its OOM kill from the
 * node's record of the task's container (a task status has no OOM flag): a task on another node
 * than the manager has no record here, and its OOM verdict is then unknown. The service is removed
 * however the run ends ({@link SwarmServices}).
 */
final class SwarmRunner {
  /** The environment variable that opts in. */
  static final String CLUSTER = "CCLAB_CLUSTER";

  static final Set<String> ENDED =
      Set.of("complete", "failed", "rejected", "shutdown", "orphaned", "remove");
  private static final long POLL_MS = 200;

  private final SwarmApi api;
  private final DockerClient client;
  private final EngineRecord record;
  private final SwarmServices services;
  private final Learner learner;
  private final SwarmHelpers helpers;

  /** The names of the demo runs' networks this runner made and has not removed. */
  private final Set<String> networks = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private boolean checked;

  SwarmRunner(URI endpoint, Map<String, String> env, DockerClient client, EngineRecord record) {
    this.api = new SwarmApi(endpoint, env);
    this.client = client;
    this.record = record;
    this.services = new SwarmServices(api);
    this.learner = Learner.of(env);
    this.helpers = new SwarmHelpers(api, services, client);
  }

  /** Whether the environment asks for the swarm runner. */
  static boolean wanted(Map<String, String> env) {
    return "swarm".equals(env.get(CLUSTER));
  }

  /**
   * Refuses, on a swarm, what the lab would otherwise start as a plain container on the manager: it
   * would describe a container there, not a task of the swarm.
   */
  static void refuseOnSwarm(SwarmRunner swarm, String what) {
    if (swarm != null) {
      throw SwarmMapping.refusal(
          what,
          "it would run as a plain container on the manager, not as a task of the swarm, and its"
              + " findings would not describe the swarm's runs (issue #32, item 4)");
    }
  }

  /** The API version and the node's role, checked once per connection. */
  synchronized void requireManager(String apiVersion) {
    if (checked) {
      return;
    }
    if (!SwarmVersion.atLeast(apiVersion, SwarmApi.VERSION)) {
      throw new EnvironmentProblem(
          "CCLAB_CLUSTER=swarm needs Engine API "
              + SwarmApi.VERSION
              + " (Docker 25 or later):"
              + " this engine speaks "
              + apiVersion
              + ", whose services have no seccomp,"
              + " AppArmor or no-new-privileges fields, so a run's protections would be dropped.",
          "Point the lab at a Docker 25+ swarm manager, or unset CCLAB_CLUSTER.");
    }
    JsonNode info = api.get("/info").path("Swarm");
    if (!"active".equals(info.path("LocalNodeState").asText())
        || !info.path("ControlAvailable").asBoolean()) {
      throw new EnvironmentProblem(
          "CCLAB_CLUSTER=swarm, but this engine is not a swarm manager (its swarm state: "
              + info.path("LocalNodeState").asText("unknown")
              + ").",
          "Point the lab at a swarm manager (scripts/swarm-engine start NAME makes one here).");
    }
    checked = true;
  }

  /**
   * Runs an admitted (and judged) spec as a one-shot job service.
   *
   * @param apiVersion the engine's API version from its ping
   */
  Outcome run(
      RunSpec spec,
      java.util.function.Predicate<RunSpec.BindMount> labs,
      String apiVersion,
      OutputListener listener) {
    requireManager(apiVersion);
    Map<String, String> labels = labels(spec);
    SwarmFiles.Plan files = SwarmFiles.plan(spec, labs);
    SwarmMapping.Mapped mapped = mapped(files.rest(), labels);
    for (String skipped : mapped.skipped()) {
      listener.stderr("[cclab] on a swarm, " + skipped + "\n");
    }
    long started = System.nanoTime();
    ObjectNode service = serviceSpec(mapped, labels, true);
    String name = service.path("Name").asText();
    try (SwarmConfigs configs = SwarmConfigs.create(api, files.files(), name, labels)) {
      configs.attach(service);
      String id = services.create(service, mapped.isolated());
      try {
        SwarmTask.Ended ended = await(id, spec.timeout(), started);
        return observed(spec, new Ran(id, name, files), ended, listener);
      } finally {
        services.remove(id);
      }
    }
  }

  /**
   * Starts a helper (a canary server) as a long-running service of one replica on the run's
   * networks, built by the same mapping as a run (so what a swarm refuses of a run it refuses of a
   * helper), and returns once its task runs; removed when the handle closes.
   */
  Helper startHelper(
      RunSpec spec, java.util.function.Predicate<RunSpec.BindMount> labs, String apiVersion) {
    requireManager(apiVersion);
    Map<String, String> labels = labels(spec);
    SwarmFiles.Plan files = SwarmFiles.plan(spec, labs); // a canary's page travels as a run's does
    SwarmMapping.Mapped mapped = mapped(files.rest(), labels);
    ObjectNode service = serviceSpec(mapped, labels, false);
    SwarmConfigs configs =
        SwarmConfigs.create(api, files.files(), service.path("Name").asText(), labels);
    return helpers.start(service, mapped.isolated(), configs);
  }

  /**
   * A demo run's named network as an overlay network of that run's own ({@link
   * SwarmNetworks#createNamed}); closing the handle removes it.
   */
  LabNetwork createNetwork(String name, boolean internal, String apiVersion) {
    requireManager(apiVersion);
    String id = services.createNetwork(name, internal, LabLabels.forNewObject(learner));
    networks.add(name);
    return new LabNetwork(
        n -> {
          services.removeNetwork(id);
          networks.remove(n);
        },
        name);
  }

  private Map<String, String> labels(RunSpec spec) {
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.putAll(LabLabels.forNewObject(learner));
    return labels;
  }

  /** The mapping of a run or a helper, which joins only a network this runner made. */
  private SwarmMapping.Mapped mapped(RunSpec spec, Map<String, String> labels) {
    SwarmMapping.Mapped mapped = SwarmMapping.map(spec, labels);
    SwarmMapping.requireOwnNetwork(spec, networks);
    return mapped;
  }

  /**
   * @param job a one-shot job (a run); else one replica that runs until removed (a helper)
   */
  private static ObjectNode serviceSpec(
      SwarmMapping.Mapped mapped, Map<String, String> labels, boolean job) {
    ObjectNode service = EngineClients.mapper().createObjectNode();
    // named per learner: a room's instructor (and docker service ls) tells them apart
    service.put(
        "Name",
        "cclab-" + labels.get(Learner.LABEL) + "-" + labels.get(LabLabels.RUN_ID).substring(0, 12));
    ObjectNode labelNode = service.putObject("Labels");
    labels.forEach(labelNode::put);
    ObjectNode task = service.putObject("TaskTemplate");
    task.set("ContainerSpec", mapped.container());
    // removed as the single engine removes a container (forced, SIGKILL): a canary's httpd as PID 1
    // ignores SIGTERM, so each helper's removal waited the default 10 s grace period, and its
    // configs and network were held that long again (measured: 962 s for the episode, 300 s of it
    // demos)
    mapped.container().put("StopSignal", "SIGKILL");
    mapped.container().put("StopGracePeriod", 1_000_000_000L);
    task.putObject("Resources").set("Limits", mapped.limits());
    task.putObject("RestartPolicy").put("Condition", "none");
    if (!mapped.networks().isEmpty()) {
      task.set("Networks", mapped.networks());
    }
    ObjectNode mode = service.putObject("Mode");
    if (job) {
      mode.putObject("ReplicatedJob").put("MaxConcurrent", 1).put("TotalCompletions", 1);
    } else {
      mode.putObject("Replicated").put("Replicas", 1);
      // its alias answers with the task's own address: measured on Docker 26.1, a service's
      // virtual IP (the default) on an internal overlay network took no connection (nc timed out)
      service.putObject("EndpointSpec").put("Mode", "dnsrr");
    }
    return service;
  }

  /** Polls the service's task until it ended or the run's time is up. */
  private SwarmTask.Ended await(String id, Duration timeout, long started) {
    long deadline = started + timeout.toNanos();
    while (true) {
      SwarmTask task = task(id);
      if (task != null && ENDED.contains(task.state())) {
        return new SwarmTask.Ended(task, false, Duration.ofNanos(System.nanoTime() - started));
      }
      if (System.nanoTime() - deadline > 0) {
        return new SwarmTask.Ended(task, true, Duration.ofNanos(System.nanoTime() - started));
      }
      if (!Quietly.sleep(POLL_MS)) {
        throw new RunInterrupted(id, new InterruptedException("interrupted on a swarm"));
      }
    }
  }

  /**
   * The service's task now. A Ctrl-C that lands during the request closes its channel (an
   * interrupted thread's socket), which is the interrupt, not an engine failure.
   */
  private SwarmTask task(String id) {
    try {
      return SwarmTask.first(api.get("/tasks?filters=" + SwarmApi.filter("service", id)));
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new RunInterrupted(id, e);
      }
      throw e;
    }
  }

  /** The service of a run, and the binds that reached it as configs. */
  private record Ran(String id, String name, SwarmFiles.Plan files) {}

  private Outcome observed(RunSpec spec, Ran ran, SwarmTask.Ended ended, OutputListener listener) {
    String id = ran.id();
    SwarmTask task = ended.task();
    if (task != null && "rejected".equals(task.state())) {
      throw new EngineRefused(
          "The swarm could not start the run's task: " + task.error() + ".",
          "Check that every node has the image " + spec.image() + " (cclab images prepare).",
          task.error(),
          null);
    }
    SwarmLogs logs = SwarmLogs.read(api, id, listener);
    String containerId = task == null ? null : task.containerId();
    InspectContainerResponse inspected = inspect(containerId);
    ContainerFacts facts =
        inspected == null
            ? null
            : SwarmFileRecord.asWritten(
                SwarmNetworks.asWritten(record.of(containerId, inspected), ran.name()),
                api.get("/services/" + id),
                ran.files());
    int exit = ended.timedOut() || task == null ? -1 : task.exitCode();
    OomVerdict.Record oom =
        new OomVerdict.Record(
            inspected == null ? null : Boolean.TRUE.equals(inspected.getState().getOOMKilled()),
            null,
            exit,
            ended.timedOut(),
            facts == null ? spec.memoryBytes() : facts.memoryBytes());
    return new Outcome(
        containerId,
        exit,
        OomVerdict.decide(oom, OomVerdict.LimitOrigin.UNKNOWN),
        ended.timedOut(),
        ended.duration(),
        Usage.NONE,
        logs.stdout(),
        logs.stderr(),
        null,
        facts,
        null,
        oom);
  }

  /** The node's record of the task's container; null when it is on another node or gone. */
  private InspectContainerResponse inspect(String containerId) {
    if (containerId == null || containerId.isEmpty()) {
      return null;
    }
    try {
      return client.inspectContainerCmd(containerId).exec();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Removes lab services whose owner process is gone, and says so when there were any. */
  void reap(java.util.function.Consumer<String> notice) {
    try {
      int n = services.reapStale();
      int configs = SwarmConfigs.reapStale(api); // after the services that held them
      if (n > 0) {
        notice.accept(
            "Removed "
                + n
                + " swarm service(s) and network(s) left behind by a lab run that ended"
                + " without cleaning up.");
      }
      if (configs > 0) {
        notice.accept(
            "Removed " + configs + " swarm config(s) (a run's files) left behind by a lab run.");
      }
    } catch (RuntimeException e) {
      notice.accept(
          "Could not check the swarm for leftovers of earlier lab runs: "
              + EngineClients.rootMessage(e));
    }
  }

  /**
   * Removes this learner's lab services and run-own networks whose owner is gone or is this
   * process; with {@code everything}, every learner's.
   */
  CleanReport clean(boolean everything) {
    return services.clean(everything ? null : learner);
  }

  void close() {
    api.close();
  }
}
