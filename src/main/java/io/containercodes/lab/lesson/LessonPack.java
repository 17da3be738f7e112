package io.containercodes.lab.lesson;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A lesson pack, the lab's content on disk: {@code lessons/EPISODE/NN-slug.md} and {@code
 * demos/ID/} (the package {@code content} holds the readers of those files). Found at $CCLAB_HOME,
 * the launcher's {@code -Dcclab.home}, or the nearest directory up from the working directory that
 * has both folders.
 */
public final class LessonPack {
  public static final String DEFAULT_EPISODE = "000-container-defense";
  private final Path root;

  public LessonPack(Path root) {
    this.root = root;
  }

  public static LessonPack locate(Map<String, String> env) {
    String home = env.get("CCLAB_HOME");
    if (home != null && !home.isBlank() && !isRoot(Path.of(home))) {
      // never fall back to the built-in episode: the user meant other content, and would read the
      // wrong course
      throw new InvalidInput(
          "CCLAB_HOME="
              + Quote.input(home)
              + " holds no lessons/ and demos/ folders"
              + (Files.isDirectory(Path.of(home)) ? "." : ": there is no such directory."),
          "Point CCLAB_HOME at a lesson pack's top folder, or unset it for the built-in episode.");
    }
    for (String candidate :
        new String[] {env.get("CCLAB_HOME"), System.getProperty("cclab.home")}) {
      if (candidate != null && !candidate.isBlank() && isRoot(Path.of(candidate))) {
        return new LessonPack(Path.of(candidate).toAbsolutePath().normalize());
      }
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (isRoot(p)) {
        return new LessonPack(p);
      }
    }
    throw new EnvironmentProblem(
        "The lab's lessons and demos were not found.",
        "Run the lab from its directory (./cclab), or set CCLAB_HOME to it.");
  }

  private static boolean isRoot(Path p) {
    return Files.isDirectory(p.resolve("lessons")) && Files.isDirectory(p.resolve("demos"));
  }

  public Path root() {
    return root;
  }

  public Path demosDir() {
    return root.resolve("demos");
  }

  /** Demo directories: every folder under demos/ except shared assets (names starting with '_'). */
  public List<Path> demoDirs() {
    try (Stream<Path> s = Files.list(demosDir())) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("_"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new EnvironmentProblem("Cannot list " + demosDir() + ": " + e.getMessage(), null, e);
    }
  }

  public List<Path> lessonFiles(String episode) {
    Path dir = root.resolve("lessons").resolve(episode);
    if (!Files.isDirectory(dir)) {
      throw new InvalidInput(
          "No episode '" + Quote.input(episode) + "' under " + root.resolve("lessons") + ".",
          "Episodes: " + episodes());
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    } catch (IOException e) {
      throw new EnvironmentProblem("Cannot list " + dir + ": " + e.getMessage(), null, e);
    }
  }

  public List<String> episodes() {
    try (Stream<Path> s = Files.list(root.resolve("lessons"))) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Loads an episode, failing on the first malformed file (lint reports them all). */
  public Episode episode(String episode) {
    List<Lesson> lessons = new ArrayList<>();
    LessonLoader loader = new LessonLoader();
    for (Path f : lessonFiles(episode)) {
      lessons.add(loader.load(f));
    }
    for (Lesson l : lessons) {
      for (Lesson.DemoRef ref : l.demos()) {
        if (!Files.isDirectory(demosDir().resolve(ref.demoId()))) {
          throw new ContentError(
              l.file(),
              ref.line(),
              "no demo '" + Quote.input(ref.demoId()) + "' under " + demosDir());
        }
      }
    }
    DemoLoader demoLoader = new DemoLoader();
    return new Episode(episode, lessons, id -> demoLoader.load(demosDir().resolve(id)));
  }

  /** One demo by id, wherever it is used. */
  public Demo demo(String id) {
    Path dir = demosDir().resolve(id);
    if (id.startsWith("_") || id.contains("/") || !Files.isDirectory(dir)) {
      throw new InvalidInput(
          "No demo '" + Quote.input(id) + "'.", "List them with: cclab verify --list");
    }
    return new DemoLoader().load(dir);
  }
}
