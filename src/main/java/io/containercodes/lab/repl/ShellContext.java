package io.containercodes.lab.repl;

import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressStore;
import io.containercodes.lab.render.Style;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every part of the REPL shares: the episode, the learner's progress and where they are in it,
 * the screen, and the engine (connected on first use). One per session.
 */
final class ShellContext {
  private final Episode episode;
  private final ProgressStore store;
  private final Progress progress;
  private final Supplier<Engine> engine;
  private final Map<String, String> env;
  private final Screen screen;
  private int current;
  private Demo lastDemo;

  ShellContext(
      Episode episode,
      ProgressStore store,
      Supplier<Engine> engine,
      Map<String, String> env,
      Screen screen) {
    this.episode = episode;
    this.store = store;
    this.engine = engine;
    this.env = env;
    this.screen = screen;
    this.progress = store.load();
    progress.enterEpisode(episode.id());
    int at = indexOf(progress.position());
    this.current = at < 0 ? 0 : at;
  }

  Episode episode() {
    return episode;
  }

  Progress progress() {
    return progress;
  }

  ProgressStore store() {
    return store;
  }

  Engine engine() {
    return engine.get();
  }

  Map<String, String> env() {
    return env;
  }

  Screen screen() {
    return screen;
  }

  Style style() {
    return screen.style();
  }

  void save() {
    store.save(progress);
  }

  /** The lesson the learner is on. */
  Lesson lesson() {
    return episode.lessons().get(current);
  }

  int position() {
    return current;
  }

  /** Puts the learner on lesson {@code index} and remembers it. */
  void moveTo(int index) {
    current = index;
    progress.visit(lesson().id());
    save();
  }

  /** The demo the learner ran last, in any lesson; null before the first. */
  Demo lastDemo() {
    return lastDemo;
  }

  void ran(Demo demo) {
    lastDemo = demo;
  }

  /** This lesson's demos, in the order it places them. */
  List<Demo> lessonDemos() {
    return lesson().demos().stream()
        .map(r -> episode.demo(r.demoId()))
        .flatMap(Optional::stream)
        .toList();
  }

  /** This lesson's first demo not passed yet, else its first; empty when it has none. */
  Optional<Demo> currentDemo() {
    List<Demo> demos = lessonDemos();
    return demos.stream()
        .filter(d -> !progress.passed(d.id()))
        .findFirst()
        .or(() -> demos.stream().findFirst());
  }

  /**
   * The demo a hint or solution is about: the one just run if it is in this lesson, else the
   * lesson's current one.
   */
  Optional<Demo> lastOrCurrentDemo() {
    if (lastDemo != null
        && lesson().demos().stream().anyMatch(r -> r.demoId().equals(lastDemo.id()))) {
      return Optional.of(lastDemo);
    }
    return currentDemo();
  }

  /** A lesson by id, number ("4" or "04") or the id of a demo it places; -1 when none. */
  int indexOf(String idOrNumber) {
    if (idOrNumber == null) {
      return -1;
    }
    List<Lesson> lessons = episode.lessons();
    for (int i = 0; i < lessons.size(); i++) {
      Lesson l = lessons.get(i);
      if (l.id().equals(idOrNumber)
          || String.valueOf(l.number()).equals(idOrNumber.replaceFirst("^0+(?=.)", ""))) {
        return i;
      }
    }
    return episode.lessonOf(idOrNumber).map(lessons::indexOf).orElse(-1);
  }
}
