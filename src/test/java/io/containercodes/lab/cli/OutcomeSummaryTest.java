package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.CapturedText;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.EngineKind;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.LimitSupport;
import io.containercodes.lab.engine.OomVerdict;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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

  /** Issue 23: "peak memory 562.5 MiB of 1 GiB" for a print(1) on rootless Podman, cgroup v1. */
  @Test
  void whereLimitsDoNotActNoMemoryFigureIsShownAndTheReasonIs() {
    EngineFacts rootless =
        new EngineFacts(
            EngineKind.PODMAN,
            "4.3.1",
            "1.41",
            null,
            Map.of(
                EngineFacts.Topic.ROOTLESS,
                Fact.yes("GET /libpod/info host.security.rootless", ""),
                EngineFacts.Topic.MEMORY_LIMIT,
                Fact.measured(false, "the lab's probe container", "ran to the end"),
                EngineFacts.Topic.PIDS_LIMIT,
                Fact.measured(false, "the lab's probe container", "49 processes")),
            "1",
            "cgroupfs",
            List.of(),
            "runc",
            null,
            null,
            null,
            null);
    String s =
        OutcomeSummary.format(
            outcome(
                new Usage(
                    OptionalLong.of(562L << 20),
                    OptionalLong.of(1L << 30),
                    OptionalLong.empty(),
                    OptionalLong.empty())),
            LimitSupport.of(rootless));
    assertFalse(s.contains("MiB") || s.contains("GiB"), s);
    assertTrue(s.contains("rootless Podman on cgroup v1 cannot enforce limits"), s);
  }

  /**
   * CI's Docker pass: in the REPL at 80 columns the terminal broke the summary inside a word, once
   * a long memory sentence made it wider than the window. There it is wrapped; elsewhere it stays
   * one line for whatever reads it.
   */
  @Test
  void inTheReplTheSummaryIsWrappedToTheWindowAndElsewhereItIsOneLine() {
    Outcome o =
        outcome(
            new Usage(
                OptionalLong.empty(),
                OptionalLong.of(1L << 30),
                OptionalLong.empty(),
                OptionalLong.empty()));
    assertTrue(OutcomeSummary.format(o, null).length() > 40);
    List<String> repl = OutcomeSummary.lines(o, null, OptionalInt.of(40));
    assertTrue(repl.size() > 1, repl.toString());
    repl.forEach(l -> assertTrue(l.length() <= 40, l));
    assertEquals(
        OutcomeSummary.format(o, null),
        String.join(" ", repl.stream().map(String::strip).toList()));
    assertEquals(
        List.of(OutcomeSummary.format(o, null)),
        OutcomeSummary.lines(o, null, OptionalInt.empty()));
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
