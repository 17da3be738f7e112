package io.containercodes.lab.lesson;

import io.containercodes.lab.content.Question;
import java.nio.file.Path;
import java.util.List;

/**
 * One Markdown lesson: {@code lessons/EPISODE/NN-slug.md} with front matter. {@code body} is the
 * Markdown after the front matter; {@code bodyLine} is the file line it starts on.
 */
public record Lesson(
    String id,
    int number,
    Path file,
    String title,
    String section,
    int minutes,
    boolean practice,
    String body,
    int bodyLine,
    List<DemoRef> demos,
    List<Question> quiz) {

  public Lesson {
    quiz = quiz == null ? List.of() : List.copyOf(quiz);
  }

  /** A {@code ```demo ID} block in the lesson, and the line it is on. */
  public record DemoRef(String demoId, int line) {}
}
