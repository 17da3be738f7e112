package io.containercodes.lab.lesson;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks lessons and demos without running anything, and reports every problem found (not
 * just the first) as file:line.
 */
public final class Linter {
  /** One problem: where, and what. */
  public record Problem(Path file, int line, String message) {
    @Override
    public String toString() {
      return ContentError.location(file, line) + ": " + message;
    }
  }

  public List<Problem> lint(Content content) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Demo> demos = new HashMap<>();
    DemoLoader demoLoader = new DemoLoader();
    for (Path dir : content.demoDirs()) {
      try {
        demos.put(dir.getFileName().toString(), demoLoader.load(dir));
      } catch (ContentError e) {
        problems.add(new Problem(e.file(), e.line(), e.detail()));
        demos.put(dir.getFileName().toString(), null);
      }
    }
    Set<String> used = new HashSet<>();
    LessonLoader lessonLoader = new LessonLoader();
    for (String episode : content.episodes()) {
      Map<Integer, Path> numbers = new HashMap<>();
      for (Path file : content.lessonFiles(episode)) {
        Lesson lesson;
        try {
          lesson = lessonLoader.load(file);
        } catch (ContentError e) {
          problems.add(new Problem(e.file(), e.line(), e.detail()));
          continue;
        }
        Path other = numbers.putIfAbsent(lesson.number(), file);
        if (other != null) {
          problems.add(new Problem(file, 0, "lesson number " + lesson.number() + " is also used by " + other.getFileName()));
        }
        for (Lesson.DemoRef ref : lesson.demos()) {
          used.add(ref.demoId());
          if (!demos.containsKey(ref.demoId())) {
            problems.add(new Problem(file, ref.line(), "unknown demo '" + ref.demoId() + "' (no " + content.demosDir()
                .relativize(content.demosDir().resolve(ref.demoId())) + "/ under demos/)"));
          }
        }
        if (lesson.practice() && lesson.demos().isEmpty()) {
          problems.add(new Problem(file, 2, "a practice section (practice: true) places no demo"));
        }
      }
    }
    for (String id : demos.keySet()) {
      if (!used.contains(id)) {
        Path file = content.demosDir().resolve(id).resolve(DemoLoader.FILE_NAME);
        problems.add(new Problem(Files.exists(file) ? file : content.demosDir().resolve(id), 0,
            "orphan demo: no lesson places it (add ```demo " + id + " to a lesson, or remove it)"));
      }
    }
    problems.sort((a, b) -> a.toString().compareTo(b.toString()));
    return problems;
  }
}
