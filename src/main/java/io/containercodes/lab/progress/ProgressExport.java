package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import java.time.Instant;
import java.util.Locale;

/** The file a learner hands to an instructor: name, lessons with their status, demos. */
public final class ProgressExport {
  public static final String FORMAT = "cclab-progress-export";
  public static final int VERSION = 1;
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
    progress
        .demos()
        .forEach(
            (id, d) -> {
              ObjectNode n = demos.putObject(id);
              n.put("status", d.status().word());
              n.put("attempts", d.attempts());
              n.put("hintsUsed", d.hintsUsed());
              n.put("lastRun", d.lastRun());
              // what an instructor needs to see which idea the room missed (additive: version 1
              // readers
              // ignore it)
              if (d.prediction() != null) {
                n.put("predictedRight", d.prediction().right());
              }
              if (!d.lines().isEmpty()) {
                n.put("exerciseLines", d.lines().size());
                n.put(
                    "solvedFirstTry", d.status() == DemoStatus.PASSED && d.lines().get(0).passed());
              }
              n.put("solutionShown", d.solutionShown());
              ExportedLines.put(n, d);
            });
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

  public static String json(ObjectNode export) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(export);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
