package io.containercodes.lab.lesson;

import io.containercodes.lab.demo.Demo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An episode's lessons in order, and the demos they place (in the order they appear). */
public record Episode(String id, Path lessonsDir, List<Lesson> lessons, List<Demo> demos) {
  public Optional<Demo> demo(String id) {
    return demos.stream().filter(d -> d.id().equals(id)).findFirst();
  }

  public Optional<Lesson> lessonOf(String demoId) {
    return lessons.stream().filter(l -> l.demos().stream().anyMatch(r -> r.demoId().equals(demoId))).findFirst();
  }
}
