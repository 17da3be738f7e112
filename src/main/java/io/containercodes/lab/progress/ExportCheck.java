package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.render.SafeText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Judges one progress export against the episode the instructor reports on. An export is a file
 * from someone else: a typo'd hand edit, another episode's file, or one claiming 600 000 passed
 * demos must not change the class's numbers. What does not fit is rejected whole, with one reason,
 * and never counted in part.
 */
final class ExportCheck {
  /** A learner's name longer than this is not a name; the table would be unreadable. */
  static final int MAX_NAME = 100;

  /** More hints than any demo has many times over is not a count. */
  static final int MAX_HINTS = 1000;

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
      throw new Rejected(
          "export format version "
              + shown(n.get("version"))
              + "; this cclab reads version "
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
      throw new Rejected(
          "the learner name is "
              + learner.asText().length()
              + " characters long (at most "
              + MAX_NAME
              + ")");
    }
    Map<String, ClassReport.Attempt> demos = demos(n.get("demos"));
    Map<String, LessonStatus> lessons = lessons(n.get("lessons"), demos);
    return new ClassReport.Row(
        file,
        learner.asText(),
        lessons,
        demos,
        exercises(n.get("demos")),
        quiz(n.get("quiz")),
        predictions(n.get("demos")),
        ExportedLines.read(n.get("demos")));
  }

  /**
   * Demo id → predicted right, for the demos whose prediction the learner answered; the demo must
   * ask one.
   */
  private Map<String, Boolean> predictions(JsonNode demos) throws Rejected {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (var it = demos.fields(); it.hasNext(); ) {
      var d = it.next();
      JsonNode right = d.getValue().get("predictedRight");
      if (right == null) {
        continue;
      }
      boolean asks = episode.demo(d.getKey()).map(x -> x.prediction() != null).orElse(false);
      if (!asks || !right.isBoolean()) {
        throw new Rejected(
            "demo "
                + shown(d.getKey())
                + (asks ? " has predictedRight " + shown(right) : " asks no prediction"));
      }
      out.put(d.getKey(), right.asBoolean());
    }
    return out;
  }

  /**
   * How each exercise was solved: first try (its first line passed), after more tries or hints,
   * with the solution shown, or not yet. Only the episode's exercises count.
   */
  private Map<String, ClassReport.Solved> exercises(JsonNode demos) throws Rejected {
    Map<String, ClassReport.Solved> out = new LinkedHashMap<>();
    for (var it = demos.fields(); it.hasNext(); ) {
      var d = it.next();
      boolean exercise = episode.demo(d.getKey()).map(Demo::isExercise).orElse(false);
      JsonNode lines = d.getValue().get("exerciseLines");
      if (!exercise || lines == null) {
        continue;
      }
      if (!lines.isIntegralNumber() || lines.asInt() < 1 || lines.asInt() > 10_000) {
        throw new Rejected("demo " + d.getKey() + " has " + shown(lines) + " exercise lines");
      }
      boolean passed = "passed".equals(d.getValue().path("status").asText());
      out.put(
          d.getKey(),
          !passed
              ? ClassReport.Solved.NOT_SOLVED
              : d.getValue().path("solutionShown").asBoolean(false)
                  ? ClassReport.Solved.WITH_SOLUTION
                  : d.getValue().path("solvedFirstTry").asBoolean(false)
                      ? ClassReport.Solved.FIRST_TRY
                      : ClassReport.Solved.AFTER_HINTS);
    }
    return out;
  }

  /** Quiz answers: lesson id → question number → right; both must exist in the episode. */
  private Map<String, Boolean> quiz(JsonNode quiz) throws Rejected {
    Map<String, Boolean> out = new LinkedHashMap<>();
    if (quiz == null) {
      return out;
    }
    if (!quiz.isObject()) {
      throw new Rejected("its \"quiz\" is not an object");
    }
    for (var it = quiz.fields(); it.hasNext(); ) {
      var l = it.next();
      Lesson lesson =
          episode.lessons().stream()
              .filter(x -> x.id().equals(l.getKey()))
              .findFirst()
              .orElseThrow(
                  () -> new Rejected("a quiz answer for unknown lesson " + shown(l.getKey())));
      if (!l.getValue().isObject()) {
        throw new Rejected("the quiz answers of lesson " + lesson.id() + " are not an object");
      }
      for (var q = l.getValue().fields(); q.hasNext(); ) {
        var a = q.next();
        int n;
        try {
          n = Integer.parseInt(a.getKey());
        } catch (NumberFormatException e) {
          n = 0;
        }
        if (n < 1 || n > lesson.quiz().size() || !a.getValue().isBoolean()) {
          throw new Rejected(
              "quiz answer "
                  + shown(a.getKey())
                  + " of lesson "
                  + lesson.id()
                  + " is not one of its "
                  + lesson.quiz().size()
                  + " questions");
        }
        out.put(ClassReport.column(lesson) + " Q" + n, a.getValue().asBoolean());
      }
    }
    return out;
  }

  /** Demo id → attempt; every id must be one of the episode's demos (or the challenge). */
  private Map<String, ClassReport.Attempt> demos(JsonNode demos) throws Rejected {
    if (demos == null || !demos.isObject()) {
      throw new Rejected("its \"demos\" is not an object");
    }
    if (demos.size() > episode.demoIds().size() + 1) {
      throw new Rejected(
          "it lists "
              + demos.size()
              + " demos; "
              + episode.id()
              + " has "
              + episode.demoIds().size());
    }
    Map<String, ClassReport.Attempt> passed = new LinkedHashMap<>();
    for (var it = demos.fields(); it.hasNext(); ) {
      var d = it.next();
      passed.put(d.getKey(), attempt(d.getKey(), d.getValue()));
    }
    return passed;
  }

  /** One demo's entry: a known demo, a known status, counts that are counts, a time. */
  private ClassReport.Attempt attempt(String id, JsonNode d) throws Rejected {
    if (!episode.demoIds().contains(id) && !id.equals(ClassReport.CHALLENGE)) {
      throw new Rejected("unknown demo " + shown(id) + " (not in " + episode.id() + ")");
    }
    String status = d.path("status").asText();
    if (!DEMO_STATUSES.contains(status)) {
      throw new Rejected("demo " + id + " has status " + shown(d.get("status")));
    }
    JsonNode attempts = d.get("attempts");
    if (attempts == null
        || !attempts.canConvertToInt()
        || !attempts.isIntegralNumber()
        || attempts.asInt() < 0
        || (status.equals("passed") && attempts.asInt() < 1)) {
      throw new Rejected("demo " + id + " has " + shown(attempts) + " attempts");
    }
    JsonNode hints = d.get("hintsUsed");
    if (hints != null
        && !hints.isNull()
        && (!hints.isIntegralNumber()
            || !hints.canConvertToInt()
            || hints.asInt() < 0
            || hints.asInt() > MAX_HINTS)) {
      throw new Rejected("demo " + id + " has " + shown(hints) + " hints used");
    }
    JsonNode lastRun = d.get("lastRun");
    String when = null;
    if (lastRun != null && !lastRun.isNull()) {
      try {
        when = Instant.parse(lastRun.asText()).toString();
      } catch (DateTimeParseException e) {
        throw new Rejected("demo " + id + " was last run at " + shown(lastRun) + ", not a time");
      }
    }
    return new ClassReport.Attempt(
        id, status, attempts.asInt(), hints == null || hints.isNull() ? 0 : hints.asInt(), when);
  }

  /**
   * Lesson column ("04 resource-limits") → mark; each lesson must be the episode's, and "done" must
   * be earned.
   */
  private Map<String, LessonStatus> lessons(
      JsonNode lessons, Map<String, ClassReport.Attempt> passed) throws Rejected {
    if (lessons == null || !lessons.isArray()) {
      throw new Rejected("its \"lessons\" is not a list");
    }
    if (lessons.size() > episode.lessons().size()) {
      throw new Rejected(
          "it lists "
              + lessons.size()
              + " lessons; "
              + episode.id()
              + " has "
              + episode.lessons().size());
    }
    Map<String, LessonStatus> marks = new LinkedHashMap<>();
    for (JsonNode l : lessons) {
      String id = l.path("id").asText();
      Lesson lesson =
          episode.lessons().stream()
              .filter(x -> x.id().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new Rejected(
                          "unknown lesson "
                              + shown(l.get("id"))
                              + " (not in "
                              + episode.id()
                              + ")"));
      String status = l.path("status").asText();
      if (!LESSON_STATUSES.contains(status)) {
        throw new Rejected("lesson " + id + " has status " + shown(l.get("status")));
      }
      if (status.equals("done")) {
        for (Lesson.DemoRef r : lesson.demos()) {
          if (!passed.containsKey(r.demoId()) || !passed.get(r.demoId()).passed()) {
            throw new Rejected(
                "lesson " + id + " is marked done, but its demo " + r.demoId() + " is not passed");
          }
        }
      }
      if (marks.put(ClassReport.column(lesson), status(status)) != null) {
        throw new Rejected("lesson " + id + " is listed twice");
      }
    }
    return marks;
  }

  private static LessonStatus status(String status) {
    return switch (status) {
      case "done" -> LessonStatus.DONE;
      case "started" -> LessonStatus.STARTED;
      default -> LessonStatus.NOT_STARTED;
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
