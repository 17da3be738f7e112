package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import io.containercodes.lab.EngineRefused;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Helpers (canary servers) on a swarm: each a replicated service of one replica, restart none, on
 * the demo run's networks. Its start waits until the swarm says its task runs (a task the swarm
 * could not start is the lab's refusal, with the swarm's error), its output is the service's logs —
 * the lab's evidence of who reached the canary, never what a step printed — and it is removed
 * however the run ends ({@link SwarmServices}).
 */
final class SwarmHelpers implements Helper.Backend {
  private static final long START_WAIT_MS = 60_000;
  private static final long POLL_MS = 200;

  private final SwarmApi api;
  private final SwarmServices services;
  private final DockerClient client;

  SwarmHelpers(SwarmApi api, SwarmServices services, DockerClient client) {
    this.api = api;
    this.services = services;
    this.client = client;
  }

  /** Each live helper's configs (its files), removed after its service. */
  private final Map<String, SwarmConfigs> configsOf = new ConcurrentHashMap<>();

  /**
   * Creates the service with its files' configs and returns once its task runs; removes both when
   * it does not.
   */
  Helper start(ObjectNode service, boolean isolated, SwarmConfigs configs) {
    String id;
    try {
      configs.attach(service);
      id = services.create(service, isolated);
    } catch (RuntimeException e) {
      configs.close();
      throw e;
    }
    configsOf.put(id, configs);
    try {
      awaitRunning(id);
      return new Helper(this, id);
    } catch (RuntimeException e) {
      remove(id);
      throw e;
    }
  }

  /** The service, then its configs, which the swarm keeps while a service holds them. */
  private void remove(String id) {
    services.remove(id);
    SwarmConfigs configs = configsOf.remove(id);
    if (configs != null) {
      configs.close();
    }
  }

  private void awaitRunning(String id) {
    long deadline = System.currentTimeMillis() + START_WAIT_MS;
    while (true) {
      SwarmTask task = task(id);
      if (task != null && "running".equals(task.state())) {
        return;
      }
      boolean ended = task != null && SwarmRunner.ENDED.contains(task.state());
      if (ended || System.currentTimeMillis() > deadline) {
        String error = task == null ? "no task was made" : task.state() + ": " + task.error();
        throw new EngineRefused(
            "The swarm could not start the helper's task (" + error + ").",
            "Check that every node has the helper's image (cclab images prepare).",
            error,
            null);
      }
      if (!Quietly.sleep(POLL_MS)) {
        throw new RunInterrupted(id, new InterruptedException("interrupted on a swarm"));
      }
    }
  }

  private SwarmTask task(String id) {
    return SwarmTask.first(tasks(id));
  }

  private JsonNode tasks(String id) {
    return api.get("/tasks?filters=" + SwarmApi.filter("service", id));
  }

  @Override
  public Logs logs(String id) {
    SwarmLogs logs = SwarmLogs.read(api, id, OutputListener.IGNORE);
    return new Logs(logs.stdout(), logs.stderr());
  }

  /**
   * Its task's end as the swarm recorded it; one still running when {@code within} is up is removed
   * and reported as timed out. The OOM verdict is the node's record of its container, when it has
   * one.
   */
  @Override
  public Helper.Exit awaitExit(String id, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      SwarmTask task = task(id);
      if (task != null && SwarmRunner.ENDED.contains(task.state())) {
        return new Helper.Exit(task.exitCode(), false, oomKilled(task.containerId()));
      }
      if (System.nanoTime() - deadline > 0 || !Quietly.sleep(POLL_MS)) {
        remove(id);
        return new Helper.Exit(-1, true, false);
      }
    }
  }

  private boolean oomKilled(String containerId) {
    try {
      return Boolean.TRUE.equals(
          client.inspectContainerCmd(containerId).exec().getState().getOOMKilled());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Its task's address on its first network (NetworksAttachments, without the prefix length). */
  @Override
  public Optional<String> addressOf(String id) {
    JsonNode all = tasks(id);
    if (!all.isArray() || all.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode attached : all.get(0).path("NetworksAttachments")) {
      for (JsonNode address : attached.path("Addresses")) {
        return Optional.of(address.asText().split("/")[0]);
      }
    }
    return Optional.empty();
  }

  @Override
  public void stop(String id) {
    remove(id);
  }
}
