package io.containercodes.lab.progress;

import static io.containercodes.lab.progress.BoardFakes.line;
import static io.containercodes.lab.progress.BoardFakes.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.progress.BoardFakes.FakeJudge;
import io.containercodes.lab.progress.ChallengeBoard.Board;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 30.2: the board's page, in the class page's style and policy, escaping what was typed. */
class BoardPageTest {
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";

  private Board board() {
    FakeJudge judge = new FakeJudge(l -> result(true, "network-egress"));
    return new ChallengeBoard(judge, BoardFakes.parser())
        .build(
            List.of(
                line(HOSTILE, 1, ChallengeBoardTest.OPEN_NETWORK + " '</code><script>x</script>'"),
                line("bob", 2, ChallengeBoardTest.HARD.replace("--rm ", "--rm --privileged "))),
            List.of("<b>evil</b>.json: not a cclab progress export"),
            85);
  }

  @Test
  void theClassPagesHeadAndPolicyWithNothingTypedBecomingMarkup() {
    String page = BoardPage.html(board());
    StringBuilder head = new StringBuilder();
    ClassPage.document(head, "Challenge board", "");
    String shared = head.substring(0, head.indexOf("</style>"));
    assertTrue(page.startsWith(shared), "the class page's head, CSP and CSS");
    assertTrue(page.contains("default-src 'none'; style-src 'unsafe-inline'"));
    assertFalse(page.contains("<img"), page);
    assertFalse(page.contains("<script"), page);
    assertFalse(page.contains("<b>"), page);
    assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), page);
    assertTrue(page.contains("&lt;/code&gt;&lt;script&gt;"), page);
    // the probe's evidence is escaped too (the fake's evidence carries markup)
    assertTrue(page.contains("&lt;b&gt;network-egress&lt;/b&gt; was seen"), page);
  }

  @Test
  void eachEntryShowsItsVerdictFindingsAndWhatTheLineStillAllows() {
    String page = BoardPage.html(board());
    assertTrue(page.contains("data-rank=\"1\" data-participant=\"&lt;img"), page);
    assertTrue(page.contains("<tr class=\"refused\" data-rank=\"2\" data-participant=\"bob\""));
    assertTrue(page.contains("What the line still allows:"), page);
    assertTrue(page.contains("<li data-rule=\"network-egress\">medium: Code can reach"), page);
    assertTrue(page.contains("Required whatever the score, and not met: Code can reach"), page);
    assertTrue(page.contains("Refused, never run: Refused: --privileged &lt;script&gt;"), page);
    assertTrue(
        page.contains("the earlier submission (the file&#39;s modification time)")
            || page.contains("the earlier submission (the file's modification time)"),
        page);
    assertEquals(page, BoardPage.html(board()), "nothing from the clock");
  }
}
