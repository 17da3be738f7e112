package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.render.SafeText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Judges one progress export against the episode the instructor reports on. An export is a
 * file from someone else: a typo'd hand edit, another episode's file, or one claiming 600 000
 * passed demos must not change the class's numbers. What does not fit is rejected whole, with
 * one reason, and never counted in part.
 */
final class ExportCheck {
  /** A learner's name longer than this is not a name; the table would be unreadable. */
  static final int MAX_NAME = 100;
  private static final Set<String> LESSON_STATUSES = Set.of("done", "started", "not-started");
  private static final Set<String> DEMO_STATUSES = Set.of("new", "passed", "failed");

  /** Why an export was not counted; the message is one line and safe for a terminal. */
  static final class Rejected extends Exception {
    Rejected(String reason) {
      super(SafeText.escapeLine(reason), null, false, false);
    }
  }

  private final Episode episode;

  ExportCheck(Episode episode) {
    this.episode = episode;
  }

  ClassReport.Row row(String file, JsonNode n) throws Rejected {
    if (n == null || !n.isObject() || !ProgressExport.FORMAT.equals(n.path("format").asText())) {
      throw new Rejected("not a cclab progress export");
    }
    if (!n.path("version").isInt() || n.path("version").asInt() != ProgressExport.VERSION) {
      throw new Rejected("export format version " + shown(n.get("version")) + "; this cclab reads version "
          + ProgressExport.VERSION);
    }
    if (!episode.id().equals(n.path("episode").asText())) {
      throw new Rejected("it is for episode " + shown(n.get("episode")) + ", not " + episode.id());
    }
    JsonNode learner = n.get("learner");
    if (learner == null || !learner.isTextual() || learner.asText().isBlank()) {
      throw new Rejected("it has no learner name");
    }
    if (learner.asText().length() > MAX_NAME) {
      throw new Rejected("the learner name is " + learner.asText().length() + " characters long (at most " + MAX_NAME + ")");
    }
    Map<String, Boolean> passed = demos(n.get("demos"));
    Map<String, String> lessons = lessons(n.get("lessons"), passed);
    int demosPassed = (int) passed.entrySet().stream()
        .filter(e -> e.getValue() && !e.getKey().equals(ClassReport.CHALLENGE)).count();
    return new ClassReport.Row(file, learner.asText(), lessons, demosPassed,
        passed.getOrDefault(ClassReport.CHALLENGE, false));
  }

  /** Demo id → passed; every id must be one of the episode's demos (or the challenge). */
  private Map<String, Boolean> demos(JsonNode demos) throws Rejected {
    if (demos == null || !demos.isObject()) {
      throw new Rejected("its \"demos\" is not an object");
    }
    if (demos.size() > episode.demoIds().size() + 1) {
      throw new Rejected("it lists " + demos.size() + " demos; " + episode.id() + " has " + episode.demoIds().size());
    }
    Map<String, Boolean> passed = new LinkedHashMap<>();
    for (var it = demos.fields(); it.hasNext(); ) {
      var d = it.next();
      if (!episode.demoIds().contains(d.getKey()) && !d.getKey().equals(ClassReport.CHALLENGE)) {
        throw new Rejected("unknown demo " + shown(d.getKey()) + " (not in " + episode.id() + ")");
      }
      String status = d.getValue().path("status").asText();
      if (!DEMO_STATUSES.contains(status)) {
        throw new Rejected("demo " + d.getKey() + " has status " + shown(d.getValue().get("status")));
      }
      JsonNode attempts = d.getValue().get("attempts");
      if (attempts == null || !attempts.canConvertToInt() || !attempts.isIntegralNumber() || attempts.asInt() < 0
          || status.equals("passed") && attempts.asInt() < 1) {
        throw new Rejected("demo " + d.getKey() + " has " + shown(attempts) + " attempts");
      }
      passed.put(d.getKey(), status.equals("passed"));
    }
    return passed;
  }

  /** Lesson column ("04 resource-limits") → mark; each lesson must be the episode's, and "done" must be earned. */
  private Map<String, String> lessons(JsonNode lessons, Map<String, Boolean> passed) throws Rejected {
    if (lessons == null || !lessons.isArray()) {
      throw new Rejected("its \"lessons\" is not a list");
    }
    if (lessons.size() > episode.lessons().size()) {
      throw new Rejected("it lists " + lessons.size() + " lessons; " + episode.id() + " has " + episode.lessons().size());
    }
    Map<String, String> marks = new LinkedHashMap<>();
    for (JsonNode l : lessons) {
      String id = l.path("id").asText();
      Lesson lesson = episode.lessons().stream().filter(x -> x.id().equals(id)).findFirst()
          .orElseThrow(() -> new Rejected("unknown lesson " + shown(l.get("id")) + " (not in " + episode.id() + ")"));
      String status = l.path("status").asText();
      if (!LESSON_STATUSES.contains(status)) {
        throw new Rejected("lesson " + id + " has status " + shown(l.get("status")));
      }
      if (status.equals("done")) {
        for (Lesson.DemoRef r : lesson.demos()) {
          if (!passed.getOrDefault(r.demoId(), false)) {
            throw new Rejected("lesson " + id + " is marked done, but its demo " + r.demoId() + " is not passed");
          }
        }
      }
      if (marks.put(ClassReport.column(lesson), mark(status)) != null) {
        throw new Rejected("lesson " + id + " is listed twice");
      }
    }
    return marks;
  }

  private static String mark(String status) {
    return switch (status) {
      case "done" -> LessonStatus.DONE.mark();
      case "started" -> LessonStatus.STARTED.mark();
      default -> LessonStatus.NOT_STARTED.mark();
    };
  }

  /** A value from the file, quoted and cut short for a one-line reason. */
  private static String shown(Object value) {
    if (value == null) {
      return "(none)";
    }
    String s = value instanceof JsonNode j ? j.toString() : "\"" + value + "\"";
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
