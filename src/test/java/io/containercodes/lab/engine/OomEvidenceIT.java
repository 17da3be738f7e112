package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An OOM kill as the engine or the kernel records it, never exit 137 alone; and the peak of memory
 * use as the cgroup records it. On Podman 4.3 the record is the container's memory cgroup (the
 * engine records nothing); on Docker the engine's State.OOMKilled.
 */
@Tag("engine")
class OomEvidenceIT {
  private static Engine engine;
  private static String busybox;

  @BeforeAll
  static void engine() {
    engine = TestEngine.get();
    busybox = TestEngine.busybox();
  }

  private static Outcome run(RunSpec.Builder spec) {
    return engine.run(
        TestRuns.admitted(spec.timeout(Duration.ofSeconds(30)).build()), OutputListener.IGNORE);
  }

  @Test
  void aRealOomKillIsRecordedAsOne() {
    Outcome o =
        run(
            RunSpec.builder(busybox)
                .command("tail", "/dev/zero")
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20));
    assertEquals(137, o.exitCode());
    assertEquals(OomVerdict.Cause.OOM_KILLED, o.oom().cause(), o.oomEvidence());
    assertTrue(o.oomEvidence().contains("64 MiB"), o.oomEvidence());
    assertFalse(o.oomEvidence().contains("sample"), o.oomEvidence());
  }

  /** The program SIGKILLs itself under --init and a memory limit: exit 137, and not an OOM kill. */
  @Test
  void aSelfInflictedSigkillIsNotAnOomKill() {
    Outcome o =
        run(
            RunSpec.builder(busybox)
                .command("sh", "-c", "echo working; kill -9 $$")
                .init(true)
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20));
    assertEquals(137, o.exitCode(), o.stderr().text());
    assertFalse(o.oomKilled(), o.oomEvidence());
    // here both engines have a record that would show an OOM kill: Docker's flag, and on Podman the
    // cgroup read after the last process ended
    assertEquals(OomVerdict.Cause.SIGKILL_NOT_OOM, o.oom().cause(), o.oomEvidence());
  }

  /** The lab's cap decides the sentence once the caller says whose limit it was. */
  @Test
  void aKillUnderTheLabsCapIsReportedAsTheLabsCap() {
    Outcome o =
        run(RunSpec.builder(busybox).command("tail", "/dev/zero").memoryBytes(48L << 20))
            .withLimitOrigin(OomVerdict.LimitOrigin.LAB_CAP);
    assertTrue(o.oomKilled(), o.oomEvidence());
    assertTrue(
        o.oomEvidence().contains("the lab's 48 MiB safety cap, not a limit your line set"),
        o.oomEvidence());
  }

  /**
   * 40 MB held for a moment, then a normal exit: the peak comes from a record of the kernel (the
   * cgroup's high-water mark, or Docker's max_usage), not from a once-a-second sample.
   */
  @Test
  void thePeakIsTheCgroupsRecord() {
    Outcome o =
        run(
            RunSpec.builder(busybox)
                .command("sh", "-c", "head -c 40000000 /dev/zero | tail > /dev/null; echo done")
                .memoryBytes(256L << 20));
    assertEquals(0, o.exitCode(), o.stderr().text());
    Usage.MemoryPeak peak = o.usage().peak().orElseThrow();
    assertTrue(peak.recorded(), peak.describe());
    assertTrue(peak.bytes() >= 40_000_000L, peak.describe());
    if (engine.kind() == EngineKind.PODMAN) {
      // Podman's stats carry no high-water mark: the cgroup, read after the last process ended
      assertEquals(Usage.MemoryPeak.Source.CGROUP_FINAL, peak.source(), peak.describe());
    }
  }
}
