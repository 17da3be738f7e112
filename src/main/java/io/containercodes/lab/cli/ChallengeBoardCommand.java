package io.containercodes.lab.cli;

import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.BoardFolder;
import io.containercodes.lab.progress.BoardJson;
import io.containercodes.lab.progress.BoardPage;
import io.containercodes.lab.progress.ChallengeBoard;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.runline.RunLineParser;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "board",
    description = {
      "The challenge's leaderboard: re-judges every participant's line on this engine, exactly as"
          + " 'cclab challenge' judges it (each distinct spec once), ranks them and writes an HTML"
          + " page and JSON.",
      "DIR holds one file per participant, named by the participant (alice.txt is alice), with"
          + " one run line (.txt, or a .sh script with one run line). Other files are skipped and"
          + " listed; progress exports (.json) are not read yet.",
      "Order: " + ChallengeBoard.ORDER
    },
    footer = {
      "",
      "A refused line is never run. The board gives no consent for anyone: a line that needs it is"
          + " refused.",
      "Exit status: 0 when the board is written."
    })
final class ChallengeBoardCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DIR", description = "The folder of submissions.")
  Path dir;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Where to write the page (default: challenge-board.html here).")
  Path html = Path.of("challenge-board.html");

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Where to write the JSON (default: challenge-board.json here).")
  Path json = Path.of("challenge-board.json");

  @picocli.CommandLine.Mixin ScoreOptions scoring;

  @Override
  protected int run() throws IOException {
    int minScore = scoring.minScoreOr(Challenge.DEFAULT_MIN_SCORE);
    OutputFile.check("--html", html);
    OutputFile.check("--json", json);
    BoardFolder.Read read =
        BoardFolder.read(dir, LessonPack.locate(ctx().env()).episode(LessonPack.DEFAULT_EPISODE));
    ctx()
        .err()
        .println(
            "Challenge board: judging "
                + read.submissions().size()
                + " submission(s), each distinct line once…");
    ctx().err().flush();
    ChallengeJudge judge =
        new ChallengeJudge(ctx(), new AuditSetup(ctx()), false, scoring.live, minScore, null);
    ChallengeBoard.Board board =
        new ChallengeBoard(judge, new RunLineParser(Path.of("").toAbsolutePath()))
            .build(read.submissions(), read.skipped(), minScore);
    String version = new CclabCommand.Version().getVersion()[0].replace("cclab ", "");
    ReportCommand.atomically(html, BoardPage.html(board));
    ReportCommand.atomically(json, BoardJson.json(board, version));
    print(board);
    return ExitCode.OK;
  }

  private void print(ChallengeBoard.Board board) {
    for (ChallengeBoard.Entry e : board.entries()) {
      ctx()
          .out()
          .println(
              SafeText.escapeLine(
                  String.format(
                      "%3d  %-20s %-8s %s",
                      e.rank(),
                      e.submission().participant(),
                      e.status(),
                      e.refused()
                          ? e.refusal()
                          : e.result().audit().score()
                              + "/100, "
                              + e.extraFlags().size()
                              + " flag(s) beyond the needed ones")));
    }
    board.skipped().forEach(s -> ctx().out().println(SafeText.escapeLine("skipped " + s)));
    ctx().out().println("Board written to " + SafeText.escapeLine(html + " and " + json));
    ctx().out().flush();
  }
}
