package io.containercodes.lab.lesson;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.Quote;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoLoader;
import io.containercodes.lab.engine.Guardrails;
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

  private final Guardrails guardrails;

  public Linter() {
    this(Guardrails.forHost(System.getenv()));
  }

  /**
   * @param guardrails the rules run lines are held to: content that needs consent is a problem
   */
  public Linter(Guardrails guardrails) {
    this.guardrails = guardrails;
  }

  public List<Problem> lint(LessonPack content) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Demo> demos = demos(content, problems);
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
        placements(content, file, lesson, demos, placed, problems);
      }
    }
    orphans(content, demos, placed, problems);
    problems.sort((a, b) -> a.toString().compareTo(b.toString()));
    return problems;
  }

  /** Every demo of the pack by id (null for one that cannot be read), with its problems. */
  private Map<String, Demo> demos(LessonPack content, List<Problem> problems) {
    Map<String, Demo> demos = new HashMap<>();
    DemoLoader demoLoader = new DemoLoader();
    for (Path dir : content.demoDirs()) {
      Demo demo =
          demoLoader.load(dir, e -> problems.add(new Problem(e.file(), e.line(), e.detail())));
      demos.put(dir.getFileName().toString(), demo);
      if (demo != null) {
        problems.addAll(new ContentRisks(guardrails).of(demo));
        problems.addAll(AnswerLeaks.of(demo));
        problems.addAll(EvidenceRule.of(demo));
        problems.addAll(AdversaryRule.of(demo));
      }
      problems.addAll(ContentRisks.symlinksLeaving(dir));
    }
    return demos;
  }

  /** Each demo a lesson places exists and is placed once; a practice section places one. */
  private static void placements(
      LessonPack content,
      Path file,
      Lesson lesson,
      Map<String, Demo> demos,
      Map<String, String> placed,
      List<Problem> problems) {
    for (Lesson.DemoRef ref : lesson.demos()) {
      String where = ContentError.location(file.getFileName(), ref.line());
      String first = placed.putIfAbsent(ref.demoId(), where);
      if (first != null) {
        problems.add(
            new Problem(
                file,
                ref.line(),
                "demo '"
                    + Quote.input(ref.demoId())
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
                    + Quote.input(ref.demoId())
                    + "' (no "
                    + Quote.input(
                        content.demosDir().relativize(content.demosDir().resolve(ref.demoId())))
                    + "/ under demos/)"));
      }
    }
    if (lesson.practice() && lesson.demos().isEmpty()) {
      problems.add(new Problem(file, 2, "a practice section (practice: true) places no demo"));
    }
  }

  private static void orphans(
      LessonPack content,
      Map<String, Demo> demos,
      Map<String, String> placed,
      List<Problem> problems) {
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
  }
}
