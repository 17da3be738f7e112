package io.containercodes.lab.progress;

import io.containercodes.lab.lesson.Lesson;

/** Where a learner stands on one lesson: done (visited, every demo passed), started, or not yet. */
public enum LessonStatus {
  DONE("✓"),
  STARTED("•"),
  NOT_STARTED("○");

  private final String mark;

  LessonStatus(String mark) {
    this.mark = mark;
  }

  public String mark() {
    return mark;
  }

  public static LessonStatus of(Lesson lesson, Progress progress) {
    boolean visited = progress.hasVisited(lesson.id());
    boolean anyRun = lesson.demos().stream().anyMatch(d -> progress.touched(d.demoId()));
    if (visited && lesson.demos().stream().allMatch(d -> progress.passed(d.demoId()))) {
      return DONE;
    }
    return visited || anyRun ? STARTED : NOT_STARTED;
  }
}
