package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EngineRefused;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each protection on the real engine, and next to it the same container without the protecting
 * flag, so every assertion is shown able to fail.
 */
@Tag("engine")
class EngineIT {
  private static Engine engine;
  private static String busybox;

  @BeforeAll
  static void engine() {
    engine = TestEngine.get();
    busybox = TestEngine.busybox();
  }

  private static Outcome run(RunSpec.Builder spec) {
    return engine.run(TestRuns.admitted(spec.build()), OutputListener.IGNORE);
  }

  private static RunSpec.Builder sh(String script) {
    return RunSpec.builder(busybox).command("sh", "-c", script).timeout(Duration.ofSeconds(30));
  }

  @Test
  void aMemoryLimitKillsARunawayAllocation() {
    Outcome limited =
        run(
            RunSpec.builder(busybox)
                .command("tail", "/dev/zero")
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20)
                .timeout(Duration.ofSeconds(30)));
    assertEquals(137, limited.exitCode());
    assertTrue(limited.oomKilled(), limited.oomEvidence());
    assertFalse(limited.timedOut());

    // without the limit the same kind of allocation (bounded here, 80 MB) completes
    Outcome unlimited = run(sh("head -c 80000000 /dev/zero | tail > /dev/null; echo survived"));
    assertEquals(0, unlimited.exitCode());
    assertFalse(unlimited.oomKilled(), unlimited.oomEvidence());
    assertEquals("survived\n", unlimited.stdout().text());
  }

  /**
   * Output printed from the first instant arrives once and whole: on Docker an attach that also
   * asked for the logs got lines twice (CI saw "lo lo"), and Podman's followed logs lost lines.
   */
  @Test
  void everyLineArrivesExactlyOnce() {
    Outcome counted = run(sh("seq 1 20000; seq 1 20000 >&2"));
    String expected =
        java.util.stream.IntStream.rangeClosed(1, 20000)
            .mapToObj(Integer::toString)
            .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    assertEquals(expected, counted.stdout().text());
    assertEquals(expected, counted.stderr().text());
  }

  /**
   * A container the engine cannot set up is refused with the engine's own reason. Podman refuses
   * the attach for it too, and the lab once waited 60 s for that attach to start.
   */
  @Test
  void aUserTheImageDoesNotKnowIsTheEnginesRefusalInASentence() {
    EngineRefused refused =
        assertThrows(EngineRefused.class, () -> run(sh("id").user("nosuchuser")));
    assertTrue(refused.getMessage().contains("nosuchuser"), refused.getMessage());
  }

  @Test
  void networkNoneLeavesOnlyLoopback() {
    Outcome none = run(sh("ls /sys/class/net").network("none"));
    assertEquals(List.of("lo"), List.of(none.stdout().text().trim().split("\\s+")));

    Outcome bridged = run(sh("ls /sys/class/net"));
    assertNotEquals(
        List.of("lo"),
        List.of(bridged.stdout().text().trim().split("\\s+")),
        bridged.stdout().text());
  }

  @Test
  void aReadOnlyRootBlocksWritesWhileATmpfsAcceptsThem() {
    String script = "echo x > /etc/evil && echo root-written; echo y > /tmp/ok && echo tmp-written";
    Outcome ro = run(sh(script).readOnlyRoot(true).tmpfs(new RunSpec.Tmpfs("/tmp", "rw,size=1m")));
    assertFalse(ro.stdout().text().contains("root-written"), ro.stdout().text());
    assertTrue(ro.stdout().text().contains("tmp-written"), ro.stdout().text());
    assertTrue(ro.stderr().text().contains("Read-only file system"), ro.stderr().text());

    Outcome rw = run(sh(script));
    assertTrue(rw.stdout().text().contains("root-written"), rw.stdout().text());
  }

  @Test
  void capDropAllLeavesNoEffectiveCapabilities() {
    String script = "grep CapEff /proc/self/status";
    Outcome dropped = run(sh(script).capDrop("ALL"));
    assertEquals("CapEff:\t0000000000000000", dropped.stdout().text().trim());

    Outcome defaults = run(sh(script));
    assertNotEquals("CapEff:\t0000000000000000", defaults.stdout().text().trim());
  }

  @Test
  void aPidsLimitStopsAForkLoop() {
    String script = "for i in $(seq 1 60); do sleep 2 & done; echo spawned-all";
    Outcome limited = run(sh(script).pidsLimit(20L));
    assertTrue(limited.stderr().text().contains("can't fork"), limited.stderr().text());
    assertFalse(limited.stdout().text().contains("spawned-all"));

    Outcome free = run(sh(script));
    assertTrue(free.stdout().text().contains("spawned-all"), free.stderr().text());
  }

  @Test
  void aTimeoutKillsTheContainer() {
    Outcome o =
        run(RunSpec.builder(busybox).command("sleep", "600").timeout(Duration.ofSeconds(2)));
    assertTrue(o.timedOut());
    assertFalse(o.oomKilled(), o.oomEvidence());
    assertTrue(o.duration().compareTo(Duration.ofSeconds(30)) < 0, o.duration().toString());
  }

  @Test
  void stdoutAndStderrAreKeptApartAndNothingIsLeftBehind() {
    Outcome o = run(sh("echo to-out; echo to-err >&2; exit 3"));
    assertEquals(3, o.exitCode());
    assertEquals("to-out\n", o.stdout().text());
    assertEquals("to-err\n", o.stderr().text());
    assertFalse(engine.labContainers().contains(o.containerId()), "removed after the run");
  }

  @Test
  void outputBeyondTheLimitIsCutAndMarked() {
    Outcome o = run(sh("yes 0123456789 | head -c 400000"));
    assertTrue(o.stdout().truncated());
    assertEquals(ContainerRunner.OUTPUT_LIMIT, o.stdout().text().length());
    assertEquals(400_000, o.stdout().totalBytes());
  }

  @Test
  void publishedPortsAreBoundToLoopbackWhateverTheLineAsks() {
    Outcome o =
        run(
            RunSpec.builder(busybox)
                .command("true")
                .publish(new RunSpec.Publish("", null, 80, "tcp"))
                .publish(new RunSpec.Publish("0.0.0.0", null, 53, "udp")));
    List<String> bound = o.facts().portBindings();
    assertEquals(2, bound.size(), bound.toString());
    assertTrue(
        bound.stream().allMatch(b -> b.startsWith("127.0.0.1:")),
        "never every interface: " + bound);
  }
}
