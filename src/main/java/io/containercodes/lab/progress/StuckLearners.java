package io.containercodes.lab.progress;

import io.containercodes.lab.progress.ClassReport.Attempt;
import io.containercodes.lab.progress.ClassReport.Result;
import io.containercodes.lab.progress.ClassReport.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Who is stuck now: a learner whose last recorded activity — a demo's run or an exercise line — is
 * a failed attempt at least {@code stuckAfter} old. A learner whose last act passed, or who failed
 * a moment ago, is working, not stuck; one whose export records no time is unknown, and not listed.
 * "Now" is given by the caller (the report's clock), so the answer is the same for the same exports
 * at the same time.
 */
public final class StuckLearners {
  /**
   * One stuck learner: their last failed attempt (the demo, and the line when it was an exercise
   * line; else null) and how long ago it was, in whole minutes.
   */
  public record Stuck(
      String learner, String file, String demoId, String line, Instant since, long minutes) {}

  /** One recorded act of a learner. */
  private record Act(Instant at, String demoId, String line, boolean failed) {}

  private StuckLearners() {}

  /** The stuck learners, the longest stuck first. */
  public static List<Stuck> of(Result r, Instant now, Duration stuckAfter) {
    List<Stuck> out = new ArrayList<>();
    for (Row row : r.rows()) {
      Act last = last(row);
      if (last != null && last.failed() && !last.at().plus(stuckAfter).isAfter(now)) {
        out.add(
            new Stuck(
                row.learner(),
                row.file(),
                last.demoId(),
                last.line(),
                last.at(),
                Duration.between(last.at(), now).toMinutes()));
      }
    }
    out.sort(Comparator.comparing(Stuck::since));
    return out;
  }

  /**
   * The latest act; a line and its exercise's run are recorded together, and on a tie the line
   * decides, since it says what failed.
   */
  private static Act last(Row row) {
    List<Act> acts = new ArrayList<>();
    for (Attempt a : row.demos().values()) {
      Instant at = time(a.lastRun());
      if (at != null && a.attempts() > 0) {
        acts.add(new Act(at, a.demoId(), null, !a.passed()));
      }
    }
    for (Map.Entry<String, List<ExportedLine>> e : row.lines().entrySet()) {
      for (ExportedLine l : e.getValue()) {
        if (l.at() != null) {
          acts.add(new Act(l.at(), e.getKey(), l.line(), l.wrong()));
        }
      }
    }
    return acts.stream()
        .max(Comparator.comparing(Act::at).thenComparing(a -> a.line() != null))
        .orElse(null);
  }

  private static Instant time(String iso) {
    try {
      return iso == null ? null : Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
