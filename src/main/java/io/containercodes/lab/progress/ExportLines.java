package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.JudgedOn;
import io.containercodes.lab.lesson.Episode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lines an export claims were judged, as {@code cclab report --rejudge} and the challenge board
 * take them: each exercise's lines and the challenge's, numbered, with the verdict, score and
 * engine facts the export claims. It reads nothing itself: {@link ExportedLines}, the one reader of
 * an export's lines, checked them when {@link ExportCheck} accepted the export. An export written
 * before cclab kept the lines is taken too, and what it lacks is said, never guessed. The lines are
 * the learner's text: a reader escapes them before showing them.
 */
final class ExportLines {
  /** The challenge's threshold for a line whose export names none (audit.Challenge's default). */
  static final int DEFAULT_MIN_SCORE = Challenge.DEFAULT_MIN_SCORE;

  /**
   * One submitted line.
   *
   * @param number its place among the exercise's lines, 1-based
   * @param claimed the verdict the export claims for it; null when the export does not say
   * @param judgedOn the engine facts the export says it was judged on; null when it does not say
   * @param score a challenge line's claimed score and threshold; null for an exercise's line
   */
  record Submitted(
      String exerciseId,
      int number,
      String line,
      String claimed,
      JudgedOn judgedOn,
      ExportedLine.Score score) {
    Submitted(String exerciseId, int number, String line, String claimed, JudgedOn judgedOn) {
      this(exerciseId, number, line, claimed, judgedOn, null);
    }

    boolean challenge() {
      return exerciseId.equals(ClassReport.CHALLENGE);
    }
  }

  /**
   * @param lacking what the export cannot show, one sentence each (an older export's exercises)
   */
  record Lines(List<Submitted> lines, List<String> lacking) {}

  private ExportLines() {}

  /**
   * The lines of {@code row}, the row {@link ExportCheck} made of {@code export}: the exercises'
   * lines and the challenge's; {@code export} only tells what an older export counted but did not
   * carry.
   */
  static Lines of(Episode episode, ClassReport.Row row, JsonNode export) {
    List<Submitted> lines = new ArrayList<>();
    List<String> lacking = new ArrayList<>();
    Map<String, List<ExportedLine>> carried = row.lines();
    for (var it = export.path("demos").fields(); it.hasNext(); ) {
      String id = it.next().getKey();
      boolean exercise = episode.demo(id).map(Demo::isExercise).orElse(false);
      if (carried.containsKey(id) && (exercise || id.equals(ClassReport.CHALLENGE))) {
        List<ExportedLine> listed = carried.get(id);
        for (int i = 0; i < listed.size(); i++) {
          lines.add(submitted(id, i + 1, listed.get(i)));
        }
      } else if (exercise && !carried.containsKey(id)) {
        int count = export.path("demos").path(id).path("exerciseLines").asInt(0);
        if (count > 0) {
          lacking.add(
              id
                  + ": "
                  + count
                  + " line(s) counted, none carried (an export from before cclab kept the lines):"
                  + " nothing to re-judge");
        }
      }
    }
    return new Lines(lines, lacking);
  }

  private static Submitted submitted(String id, int number, ExportedLine l) {
    return new Submitted(id, number, l.line(), l.verdict(), l.judgedOn(), l.score());
  }
}
