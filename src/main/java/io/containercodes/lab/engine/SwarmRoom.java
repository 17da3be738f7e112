package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.EnvironmentProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's runs as the swarm manager records them (issue #32, item 4): each lab service's tasks,
 * the learner its labels name and the node each task was given (the hostname the node reports), for
 * an instructor's {@code cclab room status}. Read from the manager's own lists, not from any
 * learner's process, so a learner whose lab crashed still shows.
 */
public final class SwarmRoom {
  /**
   * One task of a lab service.
   *
   * @param learner the service's learner label; empty for a service of no learner (an older lab)
   * @param node the node's hostname; empty while the swarm has not placed the task
   */
  public record Task(String learner, String service, String node, String state) {}

  private SwarmRoom() {}

  /** The lab's tasks on the swarm whose manager is at {@code endpoint}. */
  static List<Task> tasks(URI endpoint, Map<String, String> env) {
    try (SwarmApi api = new SwarmApi(endpoint, env)) {
      requireManager(api, endpoint);
      Map<String, String> hostnames = new HashMap<>();
      for (JsonNode node : api.get("/nodes")) {
        hostnames.put(
            node.path("ID").asText(), node.path("Description").path("Hostname").asText(""));
      }
      Map<String, JsonNode> services = new HashMap<>();
      for (JsonNode s : api.get("/services?filters=" + SwarmApi.filter("label", LabLabels.LAB))) {
        services.put(s.path("ID").asText(), s.path("Spec"));
      }
      List<Task> tasks = new ArrayList<>();
      for (JsonNode t : api.get("/tasks")) {
        JsonNode spec = services.get(t.path("ServiceID").asText());
        if (spec != null) {
          tasks.add(
              new Task(
                  spec.path("Labels").path(Learner.LABEL).asText(""),
                  spec.path("Name").asText(""),
                  hostnames.getOrDefault(t.path("NodeID").asText(), ""),
                  t.path("Status").path("State").asText("")));
        }
      }
      return tasks;
    }
  }

  /**
   * A sentence, not an API error, when the engine is no swarm manager (Podman: no swarm at all).
   */
  private static void requireManager(SwarmApi api, URI endpoint) {
    JsonNode swarm;
    try {
      swarm = api.get("/info").path("Swarm");
    } catch (SwarmApi.SwarmApiError e) {
      swarm = EngineClients.mapper().createObjectNode(); // no swarm API at 1.44: no manager
    }
    if (!"active".equals(swarm.path("LocalNodeState").asText())
        || !swarm.path("ControlAvailable").asBoolean()) {
      throw new EnvironmentProblem(
          "The engine at "
              + endpoint
              + " is not a swarm manager, so it has no room to show: cclab room status lists"
              + " the lab's tasks of a Docker Swarm and the node each runs on.",
          "Point the lab at the room's swarm manager (--host or CCLAB_HOST; scripts/swarm-cluster"
              + " start NAME makes a three-node swarm here).");
    }
  }
}
