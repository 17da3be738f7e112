package io.containercodes.lab.progress;

import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.file.Path;
import java.util.List;

/**
 * A class of twelve learners with known numbers, hostile names among them, written as real exports.
 * Learner i has done the first {@code DONE.get(i)} lessons (visited, every demo passed) and, when
 * the next lesson has demos, started it with one failed run. Known numbers, worked out by hand in
 * the comments, are what the tests assert; the model does not compute its own answers.
 */
public final class ClassFixture {
  public static final Episode EPISODE =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);

  public static final List<String> NAMES =
      List.of(
          "Ada Lovelace",
          "<script>alert(1)</script>",
          "\"onmouseover=alert(2) x=\"",
          "Eve\nNewline | 99 | ✓",
          "=HYPERLINK(\"http://evil.example/\",\"x\")",
          "Title\u001b]0;pwned\u0007\u001b[2J",
          "Grace Hopper",
          "Zoë O'Brien & <b>Co</b>",
          "Linus",
          "Margaret",
          "Ken",
          "'; DROP TABLE learners;--");

  /** Lessons done, in order, per learner. */
  public static final List<Integer> DONE = List.of(12, 3, 3, 3, 5, 1, 0, 7, 3, 12, 2, 4);

  /*
   * Done per lesson (learners with DONE >= n): 01 11, 02 10, 03 9, 04 5, 05 4, 06 3, 07 3, 08..12 2.
   * Started (the next lesson has demos): 03 1 (Ken), 04 4, 05 1, 06 1, 08 1.
   * First lesson not done: 04 for four learners (1, 2, 3, 8) — the most; Ada and Margaret finished.
   * memory-limit: passed by DONE >= 4 (0, 4, 7, 9, 11); 4 and 7 failed once first → 3 first try,
   * 2 after retries, 4 tried and not passed (the four stuck on 04), 3 not run (5, 6, 10).
   * fork-bomb: Ada used a hint → 4 first try, 1 after hints, 0 failed, 7 not run.
   */
  public static final List<Integer> DONE_PER_LESSON = List.of(11, 10, 9, 5, 4, 3, 3, 2, 2, 2, 2, 2);
  public static final List<Integer> STARTED_PER_LESSON =
      List.of(0, 0, 1, 4, 1, 1, 0, 1, 0, 0, 0, 0);

  private ClassFixture() {}

  public static Progress progress(int learner) {
    Progress p = new Progress();
    List<Lesson> lessons = EPISODE.lessons();
    for (int l = 0; l < DONE.get(learner); l++) {
      p.visit(lessons.get(l).id());
      for (Lesson.DemoRef d : lessons.get(l).demos()) {
        if (d.demoId().equals("memory-limit") && (learner == 4 || learner == 7)) {
          p.recordRun(d.demoId(), false, "1 check failed");
        }
        p.recordRun(d.demoId(), true, "ok");
        if (d.demoId().equals("fork-bomb") && learner == 0) {
          p.takeHint(d.demoId(), 3);
        }
      }
    }
    if (DONE.get(learner) < lessons.size() && !lessons.get(DONE.get(learner)).demos().isEmpty()) {
      Lesson next = lessons.get(DONE.get(learner));
      p.visit(next.id());
      p.recordRun(next.demos().get(0).demoId(), false, "1 check failed");
    }
    return p;
  }

  /** Writes the twelve exports into {@code dir}, named as hand-ins are. */
  public static void write(Path dir) throws Exception {
    for (int i = 0; i < NAMES.size(); i++) {
      String json = ProgressExport.json(ProgressExport.of(NAMES.get(i), EPISODE, progress(i)));
      HandIn.write(
          dir, NAMES.get(i), "lab-pc-" + i, java.time.Instant.parse("2026-11-30T09:00:00Z"), json);
    }
  }
}
