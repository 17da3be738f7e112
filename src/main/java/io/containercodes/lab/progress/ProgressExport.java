package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The file a learner hands to an instructor: name, lessons with their status, demos. */
public final class ProgressExport {
  public static final String FORMAT = "cclab-progress-export";
  public static final int VERSION = 1;

  /** Per exercise: the learner's lines, each with its verdict and engine facts. */
  public static final String LINES = "lines";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProgressExport() {}

  public static ObjectNode of(String learner, Episode episode, Progress progress) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("learner", learner);
    root.put("exported", Instant.now().toString());
    root.put("episode", episode.id());
    var lessons = root.putArray("lessons");
    for (Lesson l : episode.lessons()) {
      ObjectNode n = lessons.addObject();
      n.put("id", l.id());
      n.put("number", l.number());
      n.put("title", l.title());
      n.put(
          "status", LessonStatus.of(l, progress).name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    ObjectNode demos = root.putObject("demos");
    progress.demos().forEach((id, d) -> demo(demos.putObject(id), d));
    ObjectNode quiz = root.putObject("quiz");
    progress
        .quiz()
        .forEach(
            (lesson, answers) -> {
              ObjectNode l = quiz.putObject(lesson);
              answers.forEach((q, a) -> l.put(q, a.right()));
            });
    return root;
  }

  private static void demo(ObjectNode n, Progress.DemoProgress d) {
    n.put("status", d.status().word());
    n.put("attempts", d.attempts());
    n.put("hintsUsed", d.hintsUsed());
    n.put("lastRun", d.lastRun());
    // what an instructor needs to see which idea the room missed (additive: version 1 readers
    // ignore it)
    if (d.prediction() != null) {
      n.put("predictedRight", d.prediction().right());
    }
    if (!d.lines().isEmpty()) {
      n.put("exerciseLines", d.lines().size());
      n.put("solvedFirstTry", d.status() == DemoStatus.PASSED && d.lines().get(0).passed());
      lines(n.putArray(LINES), d.lines());
    }
    n.put("solutionShown", d.solutionShown());
  }

  /**
   * The learner's lines with the verdict each got and the engine facts it was judged on, for {@code
   * cclab report --rejudge} (additive: exports before it have only the count).
   */
  private static void lines(ArrayNode out, List<Progress.Attempt> lines) {
    for (Progress.Attempt a : lines) {
      ObjectNode l = out.addObject();
      l.put("line", a.line());
      l.put("at", a.at());
      if (a.verdict() != null) {
        l.put("verdict", a.verdict());
      }
      if (a.score() != null) {
        l.put("score", a.score());
      }
      if (a.minScore() != null) {
        l.put("minScore", a.minScore());
      }
      ArrayNode failed = l.putArray("failed");
      a.failed().forEach(failed::add);
      if (a.notStarted() != null) {
        l.put("notStarted", a.notStarted());
      }
      l.put("hintsBefore", a.hintsBefore());
      l.put("solutionSeen", a.solutionSeen());
      if (a.judgedOn() != null) {
        l.set("judgedOn", JSON.valueToTree(a.judgedOn()));
      }
    }
  }

  public static String json(ObjectNode export) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(export);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
