package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The lab's services on a swarm: created, removed however the run ends (its own {@code finally},
 * and for a process that is ending — Ctrl-C on {@code cclab try} — one shutdown hook for all), and
 * reaped on the next start when the process that made them is gone. Removing a service removes its
 * tasks and their containers; the removal waits until the node has no container of it left.
 */
final class SwarmServices {
  private static final Set<SwarmServices.Live> LIVE = ConcurrentHashMap.newKeySet();
  private static final long GONE_WAIT_MS = 20_000;

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                // services first: a network goes only once no service uses it
                () ->
                    LIVE.stream()
                        .sorted(java.util.Comparator.comparing(l -> l.id() == null))
                        .forEach(l -> l.owner().removeQuietly(l)),
                "cclab-swarm"));
  }

  /**
   * @param id the service; null for a demo run's named network alone
   * @param network the run's own network the service joins ({@link SwarmNetworks}); null for none
   */
  private record Live(SwarmServices owner, String id, String network) {}

  private final SwarmApi api;
  private final SwarmNetworks networks;

  SwarmServices(SwarmApi api) {
    this.api = api;
    this.networks = new SwarmNetworks(api);
  }

  /**
   * Creates the service, and first its own network when {@code isolated}; the service's id, tracked
   * (with its network) until removed. A network whose service could not be made is removed at once.
   *
   * @param spec the service's spec, whose TaskTemplate gets the network when isolated
   */
  String create(ObjectNode spec, boolean isolated) {
    String network = null;
    if (isolated) {
      Map<String, String> labels = labels(spec.path("Labels"));
      network = networks.create(spec.path("Name").asText(), labels);
      ((ObjectNode) spec.path("TaskTemplate"))
          .putArray("Networks")
          .addObject()
          .put("Target", network);
    }
    try {
      String id =
          Uninterrupted.complete(() -> api.post("/services/create", spec).path("ID").asText());
      LIVE.add(new Live(this, id, network));
      return id;
    } catch (RuntimeException e) {
      if (network != null) {
        networks.remove(network);
      }
      throw e;
    }
  }

  /** A demo run's named network ({@link SwarmNetworks#createNamed}), tracked until removed. */
  String createNetwork(String name, boolean internal, Map<String, String> labels) {
    String id = networks.createNamed(name, internal, labels);
    LIVE.add(new Live(this, null, id));
    return id;
  }

  /** Removes a demo run's named network, after the services that used it. */
  void removeNetwork(String networkId) {
    LIVE.stream()
        .filter(l -> l.owner() == this && l.id() == null && networkId.equals(l.network()))
        .findFirst()
        .ifPresent(l -> Uninterrupted.run(() -> removeQuietly(l)));
  }

  void remove(String id) {
    LIVE.stream()
        .filter(l -> l.owner() == this && id.equals(l.id()))
        .findFirst()
        .ifPresent(l -> Uninterrupted.run(() -> removeQuietly(l)));
  }

  private void removeQuietly(Live live) {
    if (live.id() != null && !removeService(live.id())) {
      return; // tracked still: the hook or the next start's reaper tries again
    }
    if (live.network() == null || networks.remove(live.network())) {
      LIVE.remove(live);
    }
  }

  /** Removes the service and waits for its containers to go; false when it could not. */
  private boolean removeService(String id) {
    try {
      api.delete("/services/" + id);
    } catch (SwarmApi.SwarmApiError e) {
      if (e.status != 404) {
        return false;
      }
    } catch (RuntimeException e) {
      return false;
    }
    awaitContainersGone(id);
    return true;
  }

  /** The swarm removes a service's containers after the service: waited for, boundedly. */
  private void awaitContainersGone(String id) {
    long deadline = System.currentTimeMillis() + GONE_WAIT_MS;
    String filter = SwarmApi.filter("label", "com.docker.swarm.service.id=" + id);
    while (System.currentTimeMillis() < deadline) {
      try {
        if (api.get("/containers/json?all=1&filters=" + filter).isEmpty()) {
          return;
        }
      } catch (RuntimeException e) {
        return;
      }
      if (!Quietly.sleep(100)) {
        return;
      }
    }
  }

  /** Removes the lab's services whose owner process is gone; how many. */
  int reapStale() {
    int removed = 0;
    JsonNode listed = api.get("/services?filters=" + SwarmApi.filter("label", LabLabels.LAB));
    for (JsonNode service : listed) {
      if (StaleObjectReaper.isStale(labels(service.path("Spec").path("Labels")))) {
        removeQuietly(new Live(this, service.path("ID").asText(), null));
        removed++;
      }
    }
    return removed + networks.reapStale();
  }

  /**
   * Removes the lab's services, and then their run-own networks, that {@code learner} may touch
   * (null: every learner's, {@code clean --all}) and whose owner is gone or is this process (what
   * it left after an interrupted run); services of a live owner are left and counted.
   */
  CleanReport clean(Learner learner) {
    Predicate<Map<String, String>> mine = labels -> learner == null || !learner.isOtherThan(labels);
    Predicate<Map<String, String>> removable =
        labels -> learner == null || StaleObjectReaper.isStale(labels) || ownedHere(labels);
    int removed = 0;
    int left = 0;
    Set<String> owners = new TreeSet<>();
    JsonNode listed = api.get("/services?filters=" + SwarmApi.filter("label", LabLabels.LAB));
    for (JsonNode service : listed) {
      Map<String, String> labels = labels(service.path("Spec").path("Labels"));
      if (!mine.test(labels)) {
        continue;
      }
      if (removable.test(labels)) {
        removeQuietly(new Live(this, service.path("ID").asText(), null));
        removed++;
      } else {
        left++;
        owners.add(labels.get(LabLabels.OWNER));
      }
    }
    int networksRemoved = networks.clean(mine.and(removable));
    return new CleanReport(removed, networksRemoved, 0, left, 0, 0, owners);
  }

  private static boolean ownedHere(Map<String, String> labels) {
    return LabLabels.Owner.current().encode().equals(labels.get(LabLabels.OWNER));
  }

  /** The ids of the lab's run-own networks on this swarm, for tests. */
  java.util.List<String> labNetworks() {
    return networks.labNetworks();
  }

  /** The ids of the lab's services on this swarm, for tests. */
  java.util.List<String> labServices() {
    java.util.List<String> ids = new java.util.ArrayList<>();
    api.get("/services?filters=" + SwarmApi.filter("label", LabLabels.LAB))
        .forEach(s -> ids.add(s.path("ID").asText()));
    return ids;
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      labels.put(e.getKey(), e.getValue().asText());
    }
    return labels;
  }
}
