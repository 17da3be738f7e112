package io.containercodes.lab.progress;

import io.containercodes.lab.demo.JudgedOn;
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
 * @param verdict the verdict the export gives the line ("passed", "failed", "refused", "skipped");
 *     null when it gives none, and the failed checks and notStarted decide
 * @param at when it was written; null when the export does not say
 * @param judgedOn the engine facts the export says it was judged on; null when it does not say
 * @param score a challenge line's claimed score and threshold; null for an exercise's line
 */
public record ExportedLine(
    String line,
    List<String> failed,
    String notStarted,
    String verdict,
    Instant at,
    int hintsBefore,
    boolean solutionSeen,
    JudgedOn judgedOn,
    Score score) {
  /** A challenge line's claimed score and the threshold it was held to, 0–100 each. */
  public record Score(int score, int minScore) {}

  public ExportedLine {
    failed = List.copyOf(failed);
  }

  /** It ran, and every check passed. */
  public boolean passed() {
    return !wrong() && !"skipped".equals(verdict);
  }

  /**
   * A wrong answer: it failed a check, never ran, or the export says so. A skipped line (the host
   * could not judge it) is neither wrong nor passed.
   */
  public boolean wrong() {
    return !failed.isEmpty()
        || notStarted != null
        || "failed".equals(verdict)
        || "refused".equals(verdict);
  }
}
