package io.containercodes.lab.progress;

import io.containercodes.lab.engine.SwarmRoom;
import io.containercodes.lab.render.SafeText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An instructor's view of a room on a swarm ({@code cclab room status}): per learner, the lab's
 * tasks and the node each runs on, and on how many nodes the room's tasks are. Every name comes
 * from the engine (labels a learner's lab wrote, node hostnames) and is escaped before it reaches
 * the terminal.
 */
public final class RoomTasks {
  private RoomTasks() {}

  /** The lines to print, one learner after another in name order. */
  public static List<String> lines(List<SwarmRoom.Task> tasks) {
    if (tasks.isEmpty()) {
      return List.of("No lab tasks on this swarm.");
    }
    Map<String, List<SwarmRoom.Task>> byLearner = new TreeMap<>();
    for (SwarmRoom.Task t : tasks) {
      byLearner.computeIfAbsent(t.learner(), k -> new ArrayList<>()).add(t);
    }
    List<String> lines = new ArrayList<>();
    byLearner.forEach(
        (learner, theirs) -> {
          lines.add(
              (learner.isEmpty() ? "(no learner named)" : SafeText.escapeLine(learner))
                  + ": "
                  + theirs.size()
                  + " task(s)");
          theirs.stream()
              .sorted(Comparator.comparing(SwarmRoom.Task::service))
              .forEach(t -> lines.add("  " + task(t)));
        });
    TreeSet<String> nodes = new TreeSet<>();
    tasks.stream().map(SwarmRoom.Task::node).filter(n -> !n.isEmpty()).forEach(nodes::add);
    lines.add(
        byLearner.size()
            + " learner(s), "
            + tasks.size()
            + " task(s) on "
            + nodes.size()
            + " node(s).");
    return lines;
  }

  private static String task(SwarmRoom.Task t) {
    return SafeText.escapeLine(t.service())
        + "  "
        + SafeText.escapeLine(t.state().isEmpty() ? "unknown" : t.state())
        + "  on "
        + (t.node().isEmpty() ? "no node yet" : SafeText.escapeLine(t.node()));
  }
}
