package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.SwarmRoom.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomTasksTest {
  @Test
  void perLearnerEachTaskWithItsNode() {
    List<String> lines =
        RoomTasks.lines(
            List.of(
                new Task("bob", "cclab-bob-2", "room-1", "running"),
                new Task("ada", "cclab-ada-9", "room-3", "complete"),
                new Task("ada", "cclab-ada-1", "room-2", "running")));
    assertEquals(
        List.of(
            "ada: 2 task(s)",
            "  cclab-ada-1  running  on room-2",
            "  cclab-ada-9  complete  on room-3",
            "bob: 1 task(s)",
            "  cclab-bob-2  running  on room-1",
            "2 learner(s), 3 task(s) on 3 node(s)."),
        lines);
  }

  @Test
  void unplacedUnnamedAndEmptyAreSaid() {
    assertEquals(List.of("No lab tasks on this swarm."), RoomTasks.lines(List.of()));
    List<String> lines = RoomTasks.lines(List.of(new Task("", "cclab-x", "", "")));
    assertEquals("(no learner named): 1 task(s)", lines.get(0));
    assertEquals("  cclab-x  unknown  on no node yet", lines.get(1));
    assertEquals("1 learner(s), 1 task(s) on 0 node(s).", lines.get(2));
  }

  /** Labels and hostnames come from the engine: a terminal escape in one is shown, not obeyed. */
  @Test
  void namesFromTheEngineReachTheTerminalEscaped() {
    String evil = "ada\u001b]0;pwned\u0007\n";
    List<String> lines =
        RoomTasks.lines(List.of(new Task(evil, "svc\u001b[2J", "node\u009b1m", "running")));
    for (String line : lines) {
      assertFalse(line.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c < 0xa0)), line);
    }
    assertTrue(lines.get(0).startsWith("ada"), lines.get(0));
  }
}
