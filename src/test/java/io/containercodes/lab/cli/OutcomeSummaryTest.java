package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.CapturedText;
import io.containercodes.lab.engine.OomVerdict;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.Usage;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OutcomeSummaryTest {
  /** #24.8: a run without a memory limit was summarised as "memory limit 0 B". */
  @Test
  void aRunWithoutAMemoryLimitSaysSo() {
    String bare = OutcomeSummary.format(outcome(Usage.NONE));
    assertTrue(bare.contains("no memory limit"), bare);
    String peaked =
        OutcomeSummary.format(
            outcome(
                new Usage(
                    OptionalLong.of(3L << 20),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    OptionalLong.empty())));
    // a once-a-second sample is no recorded peak (#22): the line says there was no limit, and
    // shows no sample as if it were the highest use
    assertTrue(peaked.contains("no memory limit"), peaked);
    assertTrue(!peaked.contains("3 MiB"), peaked);
    String limited =
        OutcomeSummary.format(
            outcome(
                new Usage(
                    OptionalLong.empty(),
                    OptionalLong.of(64L << 20),
                    OptionalLong.empty(),
                    OptionalLong.empty())));
    assertTrue(limited.contains("memory limit 64 MiB"), limited);
  }

  private static Outcome outcome(Usage usage) {
    return new Outcome(
        "id",
        0,
        new OomVerdict.Verdict(false, "exited with status 0"),
        false,
        Duration.ofMillis(200),
        usage,
        CapturedText.EMPTY,
        CapturedText.EMPTY,
        null,
        null,
        null);
  }
}
