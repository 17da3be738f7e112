package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A swarm task's status, as {@code GET /tasks} gives it: its state ({@code complete}, {@code
 * failed}, {@code rejected}…), the error the swarm recorded, and its container's id and exit code.
 */
record SwarmTask(String state, String error, String containerId, int exitCode) {

  /** How the wait for a task ended: the task (null if none was made), whether time ran out. */
  record Ended(SwarmTask task, boolean timedOut, Duration duration) {}

  /** The first task in a {@code GET /tasks} answer; null when there is none yet. */
  static SwarmTask first(JsonNode tasks) {
    if (!tasks.isArray() || tasks.isEmpty()) {
      return null;
    }
    JsonNode status = tasks.get(0).path("Status");
    JsonNode container = status.path("ContainerStatus");
    return new SwarmTask(
        status.path("State").asText(""),
        status.path("Err").asText(""),
        container.path("ContainerID").asText(""),
        container.path("ExitCode").asInt(-1));
  }
}
