package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.JudgedOn;
import io.containercodes.lab.lesson.Episode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The exercise lines an export carries ({@link ProgressExport#LINES}), read for {@code cclab report
 * --rejudge}; an export written before cclab kept the lines is read too, and what it lacks is said,
 * never guessed. The lines are the learner's text: a reader escapes them before showing them.
 */
final class ExportLines {
  /** The challenge's threshold for a line whose export names none (audit.Challenge's default). */
  static final int DEFAULT_MIN_SCORE = Challenge.DEFAULT_MIN_SCORE;

  /** A run line longer than this is no line a learner typed. */
  static final int MAX_LINE = 4096;

  private static final Set<String> VERDICTS = Set.of("passed", "failed", "refused", "skipped");
  private static final List<String> FACTS = List.of("engine", "version", "rootless", "limits");

  /**
   * One submitted line.
   *
   * @param number its place among the exercise's lines, 1-based
   * @param claimed the verdict the export claims for it; null when the export does not say
   * @param judgedOn the engine facts the export says it was judged on; null when it does not say
   */
  record Submitted(
      String exerciseId, int number, String line, String claimed, JudgedOn judgedOn, Score score) {
    Submitted(String exerciseId, int number, String line, String claimed, JudgedOn judgedOn) {
      this(exerciseId, number, line, claimed, judgedOn, null);
    }

    boolean challenge() {
      return exerciseId.equals(ClassReport.CHALLENGE);
    }
  }

  /** A challenge line's claimed score and the threshold it was held to. */
  record Score(int score, int minScore) {}

  /**
   * @param lacking what the export cannot show, one sentence each (an older export's exercises)
   */
  record Lines(List<Submitted> lines, List<String> lacking) {}

  private ExportLines() {}

  /** The lines of an export {@link ExportCheck} accepted for {@code episode}. */
  static Lines of(Episode episode, JsonNode export) throws ExportCheck.Rejected {
    List<Submitted> lines = new ArrayList<>();
    List<String> lacking = new ArrayList<>();
    for (var it = export.path("demos").fields(); it.hasNext(); ) {
      var d = it.next();
      boolean exercise = episode.demo(d.getKey()).map(Demo::isExercise).orElse(false);
      JsonNode listed = d.getValue().get(ProgressExport.LINES);
      if (!exercise && !(d.getKey().equals(ClassReport.CHALLENGE) && listed != null)) {
        continue;
      }
      if (listed == null) {
        int count = d.getValue().path("exerciseLines").asInt(0);
        if (count > 0) {
          lacking.add(
              d.getKey()
                  + ": "
                  + count
                  + " line(s) counted, none carried (an export from before cclab kept the lines):"
                  + " nothing to re-judge");
        }
        continue;
      }
      lines.addAll(exercise(d.getKey(), listed));
    }
    return new Lines(lines, lacking);
  }

  private static List<Submitted> exercise(String id, JsonNode listed) throws ExportCheck.Rejected {
    if (!listed.isArray() || listed.size() > 10_000) {
      throw new ExportCheck.Rejected("exercise " + id + " has lines that are not a list of lines");
    }
    List<Submitted> out = new ArrayList<>();
    for (int i = 0; i < listed.size(); i++) {
      out.add(submitted(id, i + 1, listed.get(i)));
    }
    return out;
  }

  private static Submitted submitted(String id, int number, JsonNode n)
      throws ExportCheck.Rejected {
    String where = "line " + number + " of exercise " + id;
    JsonNode line = n.get("line");
    if (line == null || !line.isTextual() || line.asText().isBlank()) {
      throw new ExportCheck.Rejected(where + " has no line");
    }
    if (line.asText().length() > MAX_LINE) {
      throw new ExportCheck.Rejected(where + " is longer than " + MAX_LINE + " characters");
    }
    JsonNode verdict = n.get("verdict");
    if (verdict != null && !VERDICTS.contains(verdict.asText())) {
      throw new ExportCheck.Rejected(where + " claims the verdict " + verdict + ", which none is");
    }
    return new Submitted(
        id,
        number,
        line.asText(),
        verdict == null ? null : verdict.asText(),
        judgedOn(where, n.get("judgedOn")),
        score(where, n));
  }

  /** A challenge line's score and threshold, 0–100 each; null when the line has none. */
  private static Score score(String where, JsonNode n) throws ExportCheck.Rejected {
    if (n.get("score") == null) {
      return null;
    }
    for (String f : List.of("score", "minScore")) {
      if (!n.path(f).isInt() || n.path(f).asInt() < 0 || n.path(f).asInt() > 100) {
        throw new ExportCheck.Rejected(where + " has " + f + " " + n.get(f) + ", not 0 to 100");
      }
    }
    return new Score(n.path("score").asInt(), n.path("minScore").asInt());
  }

  private static JudgedOn judgedOn(String where, JsonNode n) throws ExportCheck.Rejected {
    if (n == null) {
      return null;
    }
    for (String f : FACTS) {
      if (!n.path(f).isTextual() || n.path(f).asText().length() > 100) {
        throw new ExportCheck.Rejected(where + " has engine facts without a readable " + f);
      }
    }
    return new JudgedOn(
        n.path("engine").asText(),
        n.path("version").asText(),
        n.path("rootless").asText(),
        n.path("limits").asText());
  }
}
