package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C at random moments of a demo with a helper and a network (network-isolation: a canary on an
 * internal network, then the step): every object is gone when the process exits, without any later
 * command to reap it (#12.8; before the fix 9 of 25 left some).
 */
@Tag("engine")
class InterruptIT {
  private static final int RUNS = CtrlC.runs(25);

  @Test
  void ctrlCAtAnyMomentOfAHelperDemoLeavesNothing(@TempDir Path dir) throws Exception {
    CtrlC.requireDeliverable();
    Engine engine = TestEngine.get();
    String jar = System.getProperty("cclab.jar", "target/cclab.jar");
    Random random = new Random(12);
    List<String> leftovers = new ArrayList<>();
    int interruptedMidRun = 0;
    int stoppedBySignal = 0; // exited 130: the signal, not the run's own end, stopped it
    // how long a whole run takes here, so that the interrupts fall anywhere inside one (the
    // lab got faster: a fixed 0.7-3.5 s missed most runs once a run took 1.5 s)
    long t0 = System.nanoTime();
    demo(jar, dir.resolve("whole.log")).waitFor(60, TimeUnit.SECONDS);
    int whole = (int) Math.max(1000, (System.nanoTime() - t0) / 1_000_000);
    for (int i = 0; i < RUNS; i++) {
      Path log = dir.resolve("run-" + i + ".log");
      Process p = demo(jar, log);
      Thread.sleep(100 + random.nextInt(whole * 8 / 10));
      if (p.isAlive()) {
        interruptedMidRun++;
        CtrlC.send(p);
      }
      assertTrue(
          p.waitFor(60, TimeUnit.SECONDS), "the lab exits after Ctrl-C: " + Files.readString(log));
      if (p.exitValue() == ExitCode.INTERRUPTED) {
        stoppedBySignal++;
      }
      List<String> left = engine.objectsOwnedBy(p.pid());
      if (!left.isEmpty()) {
        leftovers.add("run " + i + ": " + left + "\n" + Files.readString(log));
        // reap them so the next runs and tests start clean
        new io.containercodes.lab.engine.EngineConnector(System.getenv(), null, m -> {})
            .connect()
            .close();
      }
    }
    CtrlC.assertMostStopped(RUNS, interruptedMidRun, stoppedBySignal);
    assertEquals(List.of(), leftovers);
  }

  private static Process demo(String jar, Path log) throws java.io.IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            jar,
            "run",
            "network-isolation")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
