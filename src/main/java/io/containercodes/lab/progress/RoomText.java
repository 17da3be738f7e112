package io.containercodes.lab.progress;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link Room} as Markdown, after the class table in {@code cclab report}: the funnels, the wrong
 * lines per exercise with what the lab said about them, hint use and who is stuck. Lines are what
 * learners typed and reasons come from their files: every one goes through {@link ReportCells}, so
 * it stays one cell and shows control characters escaped on the terminal.
 */
public final class RoomText {
  private RoomText() {}

  public static String markdown(Room room) {
    StringBuilder sb = new StringBuilder("\n## Where the room got stuck\n");
    stuck(sb, room);
    funnel(sb, "lesson", room.lessons(), true);
    funnel(sb, "demo", room.demos(), false);
    room.wrongLines().forEach(e -> wrongLines(sb, e));
    hints(sb, room.hints());
    return sb.toString();
  }

  private static void stuck(StringBuilder sb, Room room) {
    sb.append("\nStuck now (last act a failed attempt at least ")
        .append(room.stuckAfter().toMinutes())
        .append(" min ago): ");
    if (room.stuck().isEmpty()) {
      sb.append("nobody\n");
      return;
    }
    sb.append(room.stuck().size())
        .append(" learner(s)\n\n| learner | on | for | line |\n|---|---|--:|---|\n");
    for (StuckLearners.Stuck s : room.stuck()) {
      sb.append("| ")
          .append(ReportCells.markdown(s.learner()))
          .append(" | ")
          .append(ReportCells.markdown(s.demoId()))
          .append(" | ")
          .append(s.minutes())
          .append(" min | ")
          .append(s.line() == null ? "(a run)" : ReportCells.markdown(s.line()))
          .append(" |\n");
    }
  }

  private static void funnel(StringBuilder sb, String what, List<Room.Step> steps, boolean title) {
    if (steps.isEmpty()) {
      return;
    }
    sb.append("\n| ")
        .append(what)
        .append(" | reached | attempted | solved | of |\n|---|--:|--:|--:|--:|\n");
    for (Room.Step s : steps) {
      sb.append("| ")
          .append(ReportCells.markdown(title ? s.id() + " " + s.title() : s.id()))
          .append(" | ")
          .append(s.reached())
          .append(" | ")
          .append(s.attempted())
          .append(" | ")
          .append(s.solved())
          .append(" | ")
          .append(s.of())
          .append(" |\n");
    }
  }

  private static void wrongLines(StringBuilder sb, WrongLines.Exercise e) {
    sb.append("\nWrong lines for ")
        .append(ReportCells.markdown(e.demoId()))
        .append(": ")
        .append(e.lines())
        .append(" from ")
        .append(e.learners())
        .append(" learner(s), one row per answer however it was spelled\n\n")
        .append(
            "| answer (its most used spelling) | lines | learners | spellings | the lab said |\n")
        .append("|---|--:|--:|--:|---|\n");
    for (WrongLines.Group g : e.groups()) {
      sb.append("| ")
          .append(ReportCells.markdown(g.example()))
          .append(" | ")
          .append(g.lines())
          .append(" | ")
          .append(g.learners())
          .append(" | ")
          .append(g.spellings())
          .append(" | ")
          .append(ReportCells.markdown(explanation(g)))
          .append(" |\n");
    }
    if (e.more() > 0) {
      sb.append("(and ").append(e.more()).append(" more answer(s), each less common)\n");
    }
  }

  /** "failed config ×4, oom-killed ×2; never ran: REASON ×1". */
  static String explanation(WrongLines.Group g) {
    String failed = counts(g.failed());
    String never = counts(g.notStarted());
    return (failed.isEmpty() ? "" : "failed " + failed)
        + (failed.isEmpty() || never.isEmpty() ? "" : "; ")
        + (never.isEmpty() ? "" : "never ran: " + never);
  }

  private static String counts(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " ×" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static void hints(StringBuilder sb, List<Room.HintUse> hints) {
    sb.append("\nHints: ");
    if (hints.isEmpty()) {
      sb.append("none taken\n");
      return;
    }
    sb.append(
            hints.stream()
                .map(
                    h ->
                        ReportCells.markdown(h.demoId())
                            + " "
                            + h.hints()
                            + " hint(s) by "
                            + h.learners()
                            + " learner(s), "
                            + h.passedAfter()
                            + " then passed")
                .collect(Collectors.joining(" · ")))
        .append('\n');
  }
}
