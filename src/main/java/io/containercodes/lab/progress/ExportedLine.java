package io.containercodes.lab.progress;

import java.time.Instant;
import java.util.List;

/**
 * One line a learner wrote for an exercise, as an export carries it (the export's {@code lines}):
 * what they typed, the checks it failed — the explanation the lab gave them — or why it never ran,
 * when, and how much help they had had by then. Every string is the learner's or the lab's text
 * from someone else's file: each rendering escapes it for its own format.
 *
 * @param failed the check types the line failed; empty when it passed or never ran
 * @param notStarted why the line never ran (refused, or the engine could not start it); null if it
 *     ran
 * @param at when it was written; null when the export does not say
 */
public record ExportedLine(
    String line,
    List<String> failed,
    String notStarted,
    Instant at,
    int hintsBefore,
    boolean solutionSeen) {
  public ExportedLine {
    failed = List.copyOf(failed);
  }

  /** It ran, and every check passed. */
  public boolean passed() {
    return notStarted == null && failed.isEmpty();
  }
}
