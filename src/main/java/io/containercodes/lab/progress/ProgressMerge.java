package io.containercodes.lab.progress;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A three-way merge of progress, for two REPL windows of the same learner: what this window changed
 * since it last read the file ({@code base} → {@code mine}) is applied to what is on disk now. So a
 * run recorded in one window is not overwritten by the other window's save, attempts from both
 * windows add up, and a reset in one window is not undone by a stale copy in the other. A change
 * made here wins over one made there only when both touched the same thing: a demo passed anywhere
 * stays passed.
 */
final class ProgressMerge {
  private ProgressMerge() {}

  static Progress merge(Progress base, Progress mine, Progress disk) {
    Map<String, Map<String, Progress.Answer>> quiz = new LinkedHashMap<>(disk.quiz());
    // quiz answers given here since the last read win; those of other windows stay
    mine.quiz()
        .forEach(
            (lesson, answers) ->
                answers.forEach(
                    (q, a) -> {
                      Progress.Answer before = base.answers(lesson).get(q);
                      if (before == null || !Objects.equals(before.at(), a.at())) {
                        quiz.computeIfAbsent(lesson, k -> new LinkedHashMap<>()).put(q, a);
                      }
                    }));
    return new Progress(
        mine.learner() != null ? mine.learner() : disk.learner(),
        mine.episode() != null ? mine.episode() : disk.episode(),
        Objects.equals(mine.position(), base.position()) && disk.position() != null
            ? disk.position()
            : mine.position(),
        visited(base.visited(), mine.visited(), disk.visited()),
        demos(base.demos(), mine.demos(), disk.demos()),
        quiz);
  }

  private static List<String> visited(List<String> base, List<String> mine, List<String> disk) {
    Set<String> out = new LinkedHashSet<>(disk);
    base.stream()
        .filter(v -> !mine.contains(v))
        .forEach(out::remove); // forgotten here (reset --all)
    mine.stream().filter(v -> !base.contains(v)).forEach(out::add); // visited here
    return new ArrayList<>(out);
  }

  private static Map<String, Progress.DemoProgress> demos(
      Map<String, Progress.DemoProgress> base,
      Map<String, Progress.DemoProgress> mine,
      Map<String, Progress.DemoProgress> disk) {
    Map<String, Progress.DemoProgress> out = new LinkedHashMap<>();
    Set<String> ids = new LinkedHashSet<>(disk.keySet());
    ids.addAll(mine.keySet());
    for (String id : ids) {
      Progress.DemoProgress b = base.get(id);
      Progress.DemoProgress m = mine.get(id);
      Progress.DemoProgress d = disk.get(id);
      Progress.DemoProgress merged;
      if (m == null) {
        merged = b != null ? null : d; // reset here: forget it; never seen here: keep theirs
      } else if (b != null && same(b, m)) {
        merged = d; // untouched here: theirs, including their reset
      } else if (d == null) {
        merged = m;
      } else {
        merged = combine(b, m, d);
      }
      if (merged != null) {
        out.put(id, merged);
      }
    }
    return out;
  }

  /**
   * Both windows worked on this demo: add this window's new attempts to theirs, keep the best
   * status.
   */
  private static Progress.DemoProgress combine(
      Progress.DemoProgress b, Progress.DemoProgress m, Progress.DemoProgress d) {
    boolean mineLater = Objects.equals(later(m.lastRun(), d.lastRun()), m.lastRun());
    List<Progress.Attempt> lines = new ArrayList<>(d.lines());
    lines.addAll(
        m.lines()
            .subList(
                Math.min(m.lines().size(), b == null ? 0 : b.lines().size()), m.lines().size()));
    return new Progress.DemoProgress(
        best(m.status(), d.status()),
        d.attempts() + Math.max(0, m.attempts() - (b == null ? 0 : b.attempts())),
        Math.max(d.hintsUsed(), m.hintsUsed()),
        earlier(m.firstRun(), d.firstRun()),
        mineLater ? m.lastRun() : d.lastRun(),
        mineLater ? m.lastOutcome() : d.lastOutcome(),
        m.prediction() != null ? m.prediction() : d.prediction(),
        lines,
        m.solutionShown() || d.solutionShown());
  }

  /** Passed anywhere stays passed; a failure anywhere beats never run. */
  private static DemoStatus best(DemoStatus mine, DemoStatus theirs) {
    if (mine == DemoStatus.PASSED || theirs == DemoStatus.PASSED) {
      return DemoStatus.PASSED;
    }
    return mine == DemoStatus.FAILED || theirs == DemoStatus.FAILED ? DemoStatus.FAILED : mine;
  }

  private static boolean same(Progress.DemoProgress a, Progress.DemoProgress b) {
    return a.status() == b.status()
        && a.attempts() == b.attempts()
        && a.hintsUsed() == b.hintsUsed()
        && Objects.equals(a.firstRun(), b.firstRun())
        && Objects.equals(a.lastRun(), b.lastRun())
        && Objects.equals(a.lastOutcome(), b.lastOutcome())
        && a.lines().size() == b.lines().size()
        && a.solutionShown() == b.solutionShown()
        && (a.prediction() == null) == (b.prediction() == null);
  }

  private static String earlier(String a, String b) {
    return a == null ? b : b == null ? a : instant(a).isBefore(instant(b)) ? a : b;
  }

  private static String later(String a, String b) {
    return a == null ? b : b == null ? a : instant(a).isAfter(instant(b)) ? a : b;
  }

  private static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH; // a hand-edited time loses to a real one
    }
  }
}
