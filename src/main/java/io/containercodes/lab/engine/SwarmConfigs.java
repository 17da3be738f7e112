package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configs of one service ({@link SwarmFiles}): labelled like every lab object, named after the
 * service, made before it and removed after it however the run ends (the caller's {@code close}, a
 * shutdown hook for a process that is ending, and the next start's reaper for a process that died).
 * A config still in use by its service (its removal is not instant) is tried again, boundedly, like
 * the run's own network.
 */
final class SwarmConfigs implements AutoCloseable {
  /** Marks the lab's configs; the value is the path the task sees the file at. */
  static final String FILE = "io.containercodes.lab.swarm-file";

  private static final Set<SwarmConfigs> LIVE = ConcurrentHashMap.newKeySet();
  private static final long IN_USE_WAIT_MS = 20_000;

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(SwarmConfigs::close), "cclab-configs"));
  }

  private final SwarmApi api;
  private final List<String> ids = new ArrayList<>();
  private final ArrayNode references = EngineClients.mapper().createArrayNode();

  private SwarmConfigs(SwarmApi api) {
    this.api = api;
  }

  /** Creates a config per file, named {@code service-fN}; all or none. */
  static SwarmConfigs create(
      SwarmApi api, List<SwarmFiles.File> files, String service, Map<String, String> labels) {
    SwarmConfigs made = new SwarmConfigs(api);
    LIVE.add(made);
    try {
      for (int i = 0; i < files.size(); i++) {
        made.add(files.get(i), service + "-f" + i, labels);
      }
      return made;
    } catch (RuntimeException e) {
      made.close();
      throw e;
    }
  }

  private void add(SwarmFiles.File file, String name, Map<String, String> labels) {
    ObjectNode spec = EngineClients.mapper().createObjectNode();
    spec.put("Name", name).put("Data", file.data()); // byte[]: base64 in the JSON
    ObjectNode labelNode = spec.putObject("Labels");
    labels.forEach(labelNode::put);
    labelNode.put(FILE, file.target());
    String id = Uninterrupted.complete(() -> api.post("/configs/create", spec).path("ID").asText());
    ids.add(id);
    ObjectNode ref = references.addObject();
    ref.putObject("File")
        .put("Name", file.target())
        .put("UID", Integer.toString(file.uid()))
        .put("GID", Integer.toString(file.gid()))
        .put("Mode", file.mode());
    ref.put("ConfigID", id).put("ConfigName", name);
  }

  /** Puts the configs into the service's ContainerSpec. */
  void attach(ObjectNode service) {
    if (!ids.isEmpty()) {
      ((ObjectNode) service.path("TaskTemplate").path("ContainerSpec"))
          .set("Configs", references.deepCopy());
    }
  }

  /** Removes the configs (after their service); what stays is the reaper's. */
  @Override
  public void close() {
    Uninterrupted.run(
        () -> {
          ids.removeIf(id -> remove(api, id));
          if (ids.isEmpty()) {
            LIVE.remove(this);
          }
        });
  }

  /** Removes a config, again while its service still holds it; false when it is still there. */
  private static boolean remove(SwarmApi api, String id) {
    long deadline = System.currentTimeMillis() + IN_USE_WAIT_MS;
    while (true) {
      try {
        api.delete("/configs/" + id);
        return true;
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

  /** Removes the lab's configs whose owner process is gone (after their services); how many. */
  static int reapStale(SwarmApi api) {
    int removed = 0;
    for (JsonNode config : api.get("/configs?filters=" + SwarmApi.filter("label", FILE))) {
      Map<String, String> labels = new HashMap<>();
      config
          .path("Spec")
          .path("Labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      if (StaleObjectReaper.isStale(labels) && remove(api, config.path("ID").asText())) {
        removed++;
      }
    }
    return removed;
  }

  /** The ids of the lab's configs on this swarm, for tests. */
  static List<String> labConfigs(SwarmApi api) {
    List<String> ids = new ArrayList<>();
    api.get("/configs?filters=" + SwarmApi.filter("label", FILE))
        .forEach(c -> ids.add(c.path("ID").asText()));
    return ids;
  }
}
