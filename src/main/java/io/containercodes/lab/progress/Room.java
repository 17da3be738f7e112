package io.containercodes.lab.progress;

import io.containercodes.lab.progress.ClassReport.Attempt;
import io.containercodes.lab.progress.ClassReport.Column;
import io.containercodes.lab.progress.ClassReport.Result;
import io.containercodes.lab.progress.ClassReport.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where the room got stuck, read from the same {@link Result} as the rest of the class report: a
 * funnel of lessons and demos (reached, attempted, solved), per exercise the wrong lines most of
 * the room wrote ({@link WrongLines}), hint use, and who is stuck now ({@link StuckLearners}). The
 * time it is "now" is given, never read here, so the same exports and the same time give the same
 * room.
 *
 * @param stuckAfter a learner whose last activity is a failed attempt at least this old is stuck
 */
public record Room(
    List<Step> lessons,
    List<Step> demos,
    List<WrongLines.Exercise> wrongLines,
    List<HintUse> hints,
    List<StuckLearners.Stuck> stuck,
    Duration stuckAfter) {
  /** Used when the instructor gives no {@code --stuck-after}: a long look at one exercise. */
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(10);

  public Room {
    lessons = List.copyOf(lessons);
    demos = List.copyOf(demos);
    wrongLines = List.copyOf(wrongLines);
    hints = List.copyOf(hints);
    stuck = List.copyOf(stuck);
  }

  /**
   * One step of the funnel: of {@code of} learners, how many reached it (opened the lesson, or have
   * any record of the demo), attempted it (ran a demo, wrote a line) and solved it (lesson done,
   * demo passed). Each count is at most the one before.
   */
  public record Step(String id, String title, int reached, int attempted, int solved, int of) {}

  /**
   * One demo's hints: how many learners took at least one, how many hints in all, and how many of
   * those learners then passed it.
   */
  public record HintUse(String demoId, int learners, int hints, int passedAfter) {}

  public static Room of(Result r, Instant now, Duration stuckAfter) {
    return new Room(
        lessons(r),
        demos(r),
        WrongLines.of(r),
        hints(r),
        StuckLearners.of(r, now, stuckAfter),
        stuckAfter);
  }

  private static List<Step> lessons(Result r) {
    List<Step> out = new ArrayList<>();
    for (Column c : r.columns()) {
      out.add(
          new Step(
              c.number2(),
              c.title(),
              count(r, row -> row.status(c.key()) != LessonStatus.NOT_STARTED),
              count(r, row -> c.demoIds().stream().anyMatch(d -> tried(row, d))),
              count(r, row -> row.status(c.key()) == LessonStatus.DONE),
              r.rows().size()));
    }
    return out;
  }

  private static List<Step> demos(Result r) {
    return demoIds(r).stream()
        .map(
            d ->
                new Step(
                    d,
                    d,
                    count(r, row -> row.demos().containsKey(d) || row.lines().containsKey(d)),
                    count(r, row -> tried(row, d)),
                    count(r, row -> row.demos().containsKey(d) && row.demos().get(d).passed()),
                    r.rows().size()))
        .toList();
  }

  private static List<HintUse> hints(Result r) {
    List<HintUse> out = new ArrayList<>();
    for (String d : demoIds(r)) {
      Predicate<Row> hinted =
          row -> row.demos().containsKey(d) && row.demos().get(d).hintsUsed() > 0;
      int learners = count(r, hinted);
      if (learners > 0) {
        int hints =
            r.rows().stream().filter(hinted).mapToInt(row -> row.demos().get(d).hintsUsed()).sum();
        out.add(
            new HintUse(
                d, learners, hints, count(r, hinted.and(row -> row.demos().get(d).passed()))));
      }
    }
    return out;
  }

  /** Ran the demo, or wrote a line for the exercise. */
  static boolean tried(Row row, String demoId) {
    Attempt a = row.demos().get(demoId);
    return (a != null && a.attempts() > 0)
        || !row.lines().getOrDefault(demoId, List.of()).isEmpty();
  }

  /** The episode's demos in lesson order (each once), then the challenge when anyone has it. */
  private static List<String> demoIds(Result r) {
    Set<String> ids = new LinkedHashSet<>();
    r.columns().forEach(c -> ids.addAll(c.demoIds()));
    if (r.rows().stream().anyMatch(row -> row.demos().containsKey(ClassReport.CHALLENGE))) {
      ids.add(ClassReport.CHALLENGE);
    }
    return List.copyOf(ids);
  }

  private static int count(Result r, Predicate<Row> p) {
    return (int) r.rows().stream().filter(p).count();
  }
}
