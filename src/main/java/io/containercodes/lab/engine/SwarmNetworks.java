package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The network of a swarm run's own that stands in for '--network none' ({@link
 * SwarmMapping#isolated}): an overlay network that is Internal (no gateway, so no route off it) and
 * not attachable (no plain container can join it), which only the run's service joins. It is made
 * before the service, labelled like every lab object, removed after the service's containers are
 * gone, and reaped on the next start when the process that made it is gone.
 *
 * <p>The engine's record of the task names this network, not "none": {@link #asWritten} reads the
 * record back as the line wrote it only when the record shows the task alone on it and the engine
 * calls it internal, so the verdict is still the engine's, and says what the task had instead.
 */
final class SwarmNetworks {
  /**
   * Marks the lab's run-own networks ("true": a run's '--network none'; {@link #NAMED}: a demo
   * run's named network), so the reaper finds both and the record's reader tells them apart.
   */
  static final String ISOLATED = "io.containercodes.lab.swarm-isolated";

  /** The {@link #ISOLATED} label's value on a demo run's named network. */
  static final String NAMED = "named";

  private static final String SUFFIX = "-none";
  private static final long IN_USE_WAIT_MS = 20_000;

  private final SwarmApi api;

  SwarmNetworks(SwarmApi api) {
    this.api = api;
  }

  /** The run's own network, named after its service; its id. */
  String create(String serviceName, Map<String, String> labels) {
    return create(serviceName + SUFFIX, true, labels, "true");
  }

  /**
   * A demo run's named network ({@code cclab-outside-<run>}): an overlay network of that run's own,
   * internal where the demo's is, and not attachable — only the run's services (its steps, its
   * helpers) join it, never a plain container, and no other run's service names it ({@link
   * SwarmMapping#requireOwnNetwork}). Its id.
   */
  String createNamed(String name, boolean internal, Map<String, String> labels) {
    return create(name, internal, labels, NAMED);
  }

  private String create(String name, boolean internal, Map<String, String> labels, String mark) {
    ObjectNode spec = EngineClients.mapper().createObjectNode();
    spec.put("Name", name)
        .put("Driver", "overlay")
        .put("Internal", internal)
        .put("Attachable", false)
        .put("CheckDuplicate", true);
    ObjectNode labelNode = spec.putObject("Labels");
    labels.forEach(labelNode::put);
    labelNode.put(ISOLATED, mark);
    return Uninterrupted.complete(() -> api.post("/networks/create", spec).path("Id").asText());
  }

  /**
   * Removes the network; a network still in use (the swarm removes a task's endpoint shortly after
   * its container) is tried again, boundedly. False when it is still there.
   */
  boolean remove(String id) {
    long deadline = System.currentTimeMillis() + IN_USE_WAIT_MS;
    while (true) {
      try {
        api.delete("/networks/" + id);
        return awaitGone(id, deadline);
      } catch (SwarmApi.SwarmApiError e) {
        if (e.status == 404) {
          return true;
        }
        if (System.currentTimeMillis() > deadline || !Quietly.sleep(200)) {
          return false;
        }
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /**
   * Measured on Docker 26.1: the node keeps its own copy of a network a task was attached to (a
   * helper the swarm rejected) for a moment after the swarm removed it, and lists it: waited for,
   * boundedly, so a run that ended has left nothing. False when it is still there.
   */
  private boolean awaitGone(String id, long deadline) {
    while (System.currentTimeMillis() < deadline) {
      try {
        api.get("/networks/" + id);
      } catch (SwarmApi.SwarmApiError e) {
        if (e.status == 404) {
          return true;
        }
      } catch (RuntimeException e) {
        return false;
      }
      if (!Quietly.sleep(100)) {
        return false;
      }
    }
    return false;
  }

  /** Removes the lab's run-own networks whose owner process is gone; how many. */
  int reapStale() {
    int removed = 0;
    JsonNode listed = api.get("/networks?filters=" + SwarmApi.filter("label", ISOLATED));
    for (JsonNode network : listed) {
      if (StaleObjectReaper.isStale(labels(network.path("Labels")))
          && remove(network.path("Id").asText())) {
        removed++;
      }
    }
    return removed;
  }

  /** Removes the lab's run-own networks whose labels {@code removable} accepts; how many. */
  int clean(java.util.function.Predicate<Map<String, String>> removable) {
    int removed = 0;
    JsonNode listed = api.get("/networks?filters=" + SwarmApi.filter("label", ISOLATED));
    for (JsonNode network : listed) {
      if (removable.test(labels(network.path("Labels"))) && remove(network.path("Id").asText())) {
        removed++;
      }
    }
    return removed;
  }

  /** The ids of the lab's run-own networks on this swarm, for tests. */
  List<String> labNetworks() {
    List<String> ids = new java.util.ArrayList<>();
    api.get("/networks?filters=" + SwarmApi.filter("label", ISOLATED))
        .forEach(n -> ids.add(n.path("Id").asText()));
    return ids;
  }

  /**
   * The record as the line wrote it: a task alone on its run's own network, which the engine
   * records as internal, had '--network none' as the swarm keeps it; any other record is returned
   * as it is (and a check of "none" then fails on it).
   */
  static ContainerFacts asWritten(ContainerFacts facts, String serviceName) {
    if (facts == null || facts.networks().size() != 1) {
      return facts;
    }
    ContainerFacts.JoinedNetwork only = facts.networks().get(0);
    boolean own = only.name().equals(serviceName + SUFFIX) && Boolean.TRUE.equals(only.internal());
    return own ? facts.withNetworkMode("none") : facts;
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new HashMap<>();
    node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }
}
