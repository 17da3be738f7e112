package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.progress.BoardFakes.FakeJudge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30.2: the challenge board as headless Chromium renders it, the way ClassPageBrowserIT loads
 * the class page (same browser, kept off the network): the rows in rank order, and a participant's
 * hostile name and line as plain text. The board comes from the unit tests' fake judgements; the
 * engine's part is ChallengeBoardIT's.
 */
@Tag("browser")
class ChallengeBoardBrowserIT {
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";

  @TempDir Path dir;

  @BeforeEach
  void chromium() {
    new ClassPageBrowserIT().findOrInstallChromium();
  }

  @Test
  void chromiumRendersTheRankingAndTheHostileNamesAsText() throws Exception {
    List<ChallengeBoard.Submission> subs = new ArrayList<>(new ChallengeBoardTest().submissions());
    subs.add(BoardFakes.line(HOSTILE, 7, ChallengeBoardTest.HARD + " '</code><b>x</b>'"));
    ChallengeBoardTest answers = new ChallengeBoardTest();
    ChallengeBoard.Board board =
        new ChallengeBoard(
                new FakeJudge(
                    l ->
                        l.contains("</code>")
                            ? BoardFakes.result(true, "pids-limit")
                            : answers.answer(l)),
                BoardFakes.parser())
            .build(subs, List.of(HOSTILE + ".json: not a cclab progress export"), 85);
    Path page = Files.writeString(dir.resolve("board.html"), BoardPage.html(board));
    String dom =
        ClassPageBrowserIT.run(
            ClassPageBrowserIT.browser(
                dir.resolve("profile"), "--dump-dom", page.toUri().toString()),
            dir.resolve("chromium.log"));
    assertTrue(dom.contains("<table id=\"board\">"), "the page was rendered: " + dom);
    List<String> rows = new ArrayList<>();
    Matcher m = Pattern.compile("<tr class=\"[^\"]+\" data-rank=\"(\\d+)\"").matcher(dom);
    while (m.find()) {
      rows.add(m.group(1));
    }
    assertEquals(
        board.entries().stream().map(e -> String.valueOf(e.rank())).toList(), rows, "rank order");
    // the first rows as the ranking puts them
    int bob = dom.indexOf("data-participant=\"bob\"");
    int alice = dom.indexOf("data-participant=\"alice\"");
    assertTrue(bob > 0 && bob < alice, "bob (earlier) above alice");
    // nothing a participant typed became an element
    assertFalse(dom.contains("<img"), dom);
    assertFalse(dom.contains("<b>x</b>"), dom);
    assertTrue(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), dom);
  }
}
