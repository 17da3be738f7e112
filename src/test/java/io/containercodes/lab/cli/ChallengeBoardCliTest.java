package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30.2: "board" as the first word after challenge is the leaderboard; a run line, after -- or
 * as one word, is still the challenge's line. Both are told apart before any engine.
 */
class ChallengeBoardCliTest {
  @TempDir Path dir;

  @Test
  void boardIsTheSubcommand() {
    MainTest.Result r = MainTest.run("challenge", "board", dir.resolve("nope").toString());
    assertEquals(ExitCode.USAGE, r.status(), r.out() + r.err());
    assertTrue(r.err().contains("nope is not a folder."), r.err());

    MainTest.Result html =
        MainTest.run("challenge", "board", dir.toString(), "--html", "/nonexistent/b.html");
    assertEquals(ExitCode.USAGE, html.status());
    assertTrue(html.err().contains("--html /nonexistent/b.html: the folder"), html.err());
  }

  @Test
  void aRunLineIsStillTheChallengesLine() {
    // judged by the challenge's own path: no /workspace mount is its first refusal
    for (String[] args :
        new String[][] {
          {"challenge", "--", "podman", "run", "--rm", "cclab/python", "board"},
          {"challenge", "podman run --rm cclab/python board"},
          {"challenge", "--", "board"}
        }) {
      MainTest.Result r = MainTest.run(args);
      assertEquals(ExitCode.USAGE, r.status(), r.err());
      assertTrue(!r.err().contains("not a folder"), String.join(" ", args) + ": " + r.err());
    }
    MainTest.Result line = MainTest.run("challenge", "--", "podman", "run", "--rm", "cclab/python");
    assertTrue(line.err().contains("mounts nothing there"), line.err());
  }
}
