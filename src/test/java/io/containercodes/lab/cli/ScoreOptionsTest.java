package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.audit.Challenge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** audit and challenge share one --min-score: one range, one message, before any engine. */
class ScoreOptionsTest {
  @ParameterizedTest
  @CsvSource({"audit,101", "audit,-1", "challenge,101", "challenge,-5"})
  void aScoreOutsideZeroToHundredIsAUsageErrorSaidTheSameWayByBothCommands(
      String command, String score) throws Exception {
    MainTest.Result r =
        MainTest.run(command, "--min-score", score, "--", "podman run --rm cclab/busybox");
    assertEquals(ExitCode.USAGE, r.status(), r.err());
    assertTrue(
        r.err().contains("cclab: --min-score must be between 0 and 100, not " + score + "."),
        r.err());
  }

  @ParameterizedTest
  @CsvSource({"audit", "challenge"})
  void bothCommandsDescribeTheSharedOptionsAlike(String command) throws Exception {
    MainTest.Result r = MainTest.run(command, "--help");
    assertEquals(ExitCode.OK, r.status(), r.err());
    String help = r.out().replaceAll("\\s+", " "); // as one line, whatever the wrapping
    assertTrue(
        help.contains(
            "--min-score=N Exit 1 when the score is below N (0–100; challenge: "
                + Challenge.DEFAULT_MIN_SCORE
                + " when not given)"),
        help);
    assertTrue(help.contains("--live Also confirm the memory and process limits act"), help);
  }
}
