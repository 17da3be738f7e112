package io.containercodes.lab.lesson;

import io.containercodes.lab.demo.Demo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An episode's lessons in order, and the demos they place (in the order they appear). Demos are
 * read when first asked for: the REPL needs only their ids to start, and reading fourteen demo
 * files (YAML, run lines, checks) was most of its start-up time.
 */
public final class Episode {
  private final String id;
  private final List<Lesson> lessons;
  private final List<String> demoIds;
  private final Function<String, Demo> loader;
  private final Map<String, Demo> loaded = new LinkedHashMap<>();

  public Episode(String id, List<Lesson> lessons, Function<String, Demo> loader) {
    this.id = id;
    this.lessons = List.copyOf(lessons);
    this.demoIds =
        lessons.stream()
            .flatMap(l -> l.demos().stream())
            .map(Lesson.DemoRef::demoId)
            .distinct()
            .toList();
    this.loader = loader;
  }

  public String id() {
    return id;
  }

  public List<Lesson> lessons() {
    return lessons;
  }

  /** The ids of the demos the lessons place, without reading them. */
  public List<String> demoIds() {
    return demoIds;
  }

  /** Every demo, read now if not yet. */
  public List<Demo> demos() {
    return demoIds.stream().map(d -> demo(d).orElseThrow()).toList();
  }

  public synchronized Optional<Demo> demo(String demoId) {
    if (!demoIds.contains(demoId)) {
      return Optional.empty();
    }
    return Optional.of(loaded.computeIfAbsent(demoId, loader));
  }

  public Optional<Lesson> lessonOf(String demoId) {
    return lessons.stream()
        .filter(l -> l.demos().stream().anyMatch(r -> r.demoId().equals(demoId)))
        .findFirst();
  }
}
