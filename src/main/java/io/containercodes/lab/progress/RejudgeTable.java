package io.containercodes.lab.progress;

import io.containercodes.lab.render.SafeText;
import java.util.List;

/**
 * {@code report --rejudge}'s text: one row per submitted line (finding, learner, exercise and line
 * number, claimed verdict and the engine it claims, verdict here), the line and the finding's
 * sentence beneath. Learners typed the lines and chose the names, and exports are anyone's files:
 * every such cell is escaped, never written raw.
 */
public final class RejudgeTable {
  private RejudgeTable() {}

  public static String text(Rejudge.Result r) {
    StringBuilder sb = new StringBuilder();
    sb.append("Re-judged on ")
        .append(r.here() == null ? "(no line ran here)" : SafeText.escapeLine(r.here().summary()))
        .append('\n');
    r.lacking().forEach(l -> sb.append("  note: ").append(l).append('\n'));
    if (r.rows().isEmpty()) {
      return sb.append("No exercise lines to re-judge.\n").toString();
    }
    sb.append('\n')
        .append(
            row(
                List.of("finding", "learner", "exercise #", "claimed (on)", "re-judged"),
                widths(r)))
        .append('\n');
    for (Rejudge.Row row : r.rows()) {
      sb.append(row(cells(row), widths(r))).append('\n');
      sb.append("    $ ").append(SafeText.escapeLine(row.line().line())).append('\n');
      if (!row.finding().detail().isEmpty()) {
        sb.append("    ").append(SafeText.escapeLine(row.finding().detail())).append('\n');
      }
    }
    sb.append('\n')
        .append(r.rows().size())
        .append(" line(s) re-judged, ")
        .append(r.disagreeing())
        .append(" disagree with their export.\n");
    return sb.toString();
  }

  private static List<String> cells(Rejudge.Row row) {
    ExportLines.Submitted s = row.line();
    String claimed =
        (s.claimed() == null ? "(none)" : s.claimed())
            + (s.score() == null ? "" : " score " + s.score().score())
            + " ("
            + (s.judgedOn() == null ? "engine not recorded" : s.judgedOn().summary())
            + ")";
    return List.of(
        row.finding().kind().word(),
        row.learner(),
        s.exerciseId() + " #" + s.number(),
        claimed,
        row.finding().rejudged());
  }

  private static int[] widths(Rejudge.Result r) {
    int[] w = {9, 7, 10, 12, 9};
    for (Rejudge.Row row : r.rows()) {
      List<String> c = cells(row);
      for (int i = 0; i < w.length; i++) {
        w[i] = Math.max(w[i], Math.min(60, SafeText.escapeLine(c.get(i)).length()));
      }
    }
    return w;
  }

  private static String row(List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = SafeText.escapeLine(cells.get(i));
      sb.append(i == 0 ? "" : "  ").append(i == cells.size() - 1 ? c : pad(c, widths[i]));
    }
    return sb.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
