package io.containercodes.lab.lesson;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks lessons and demos without running anything, and reports every problem found (not just the
 * first) as file:line.
 */
public final class Linter {
  /** One problem: where, and what. */
  public record Problem(Path file, int line, String message) {
    @Override
    public String toString() {
      return ContentError.location(file, line) + ": " + message;
    }
  }

  private final io.containercodes.lab.engine.Guardrails guardrails;

  public Linter() {
    this(io.containercodes.lab.engine.Guardrails.forHost(System.getenv()));
  }

  /**
   * @param guardrails the rules run lines are held to: content that needs consent is a problem
   */
  public Linter(io.containercodes.lab.engine.Guardrails guardrails) {
    this.guardrails = guardrails;
  }

  public List<Problem> lint(LessonPack content) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Demo> demos = new HashMap<>();
    DemoLoader demoLoader = new DemoLoader();
    for (Path dir : content.demoDirs()) {
      Demo demo =
          demoLoader.load(dir, e -> problems.add(new Problem(e.file(), e.line(), e.detail())));
      demos.put(dir.getFileName().toString(), demo);
      if (demo != null) {
        problems.addAll(new ContentRisks(guardrails).of(demo));
      }
      problems.addAll(ContentRisks.symlinksLeaving(dir));
    }
    Map<String, String> placed = new HashMap<>();
    LessonLoader lessonLoader = new LessonLoader();
    for (String episode : content.episodes()) {
      Map<Integer, Path> numbers = new HashMap<>();
      for (Path file : content.lessonFiles(episode)) {
        Lesson lesson =
            lessonLoader.load(file, e -> problems.add(new Problem(e.file(), e.line(), e.detail())));
        if (lesson == null) {
          continue;
        }
        Path other = numbers.putIfAbsent(lesson.number(), file);
        if (other != null) {
          problems.add(
              new Problem(
                  file,
                  0,
                  "lesson number " + lesson.number() + " is also used by " + other.getFileName()));
        }
        for (Lesson.DemoRef ref : lesson.demos()) {
          String where = ContentError.location(file.getFileName(), ref.line());
          String first = placed.putIfAbsent(ref.demoId(), where);
          if (first != null) {
            problems.add(
                new Problem(
                    file,
                    ref.line(),
                    "demo '"
                        + ref.demoId()
                        + "' is placed twice (first at "
                        + first
                        + "); place each demo once"));
          }
          if (!demos.containsKey(ref.demoId())) {
            problems.add(
                new Problem(
                    file,
                    ref.line(),
                    "unknown demo '"
                        + ref.demoId()
                        + "' (no "
                        + content.demosDir().relativize(content.demosDir().resolve(ref.demoId()))
                        + "/ under demos/)"));
          }
        }
        if (lesson.practice() && lesson.demos().isEmpty()) {
          problems.add(new Problem(file, 2, "a practice section (practice: true) places no demo"));
        }
      }
    }
    for (String id : demos.keySet()) {
      if (!placed.containsKey(id)) {
        Path file = content.demosDir().resolve(id).resolve(DemoLoader.FILE_NAME);
        problems.add(
            new Problem(
                Files.exists(file) ? file : content.demosDir().resolve(id),
                0,
                "orphan demo: no lesson places it (add ```demo "
                    + id
                    + " to a lesson, or remove it)"));
      }
    }
    problems.sort((a, b) -> a.toString().compareTo(b.toString()));
    return problems;
  }
}
