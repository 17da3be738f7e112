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
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C at random moments of a traced sandbox run (its tracer's sidecar, the script's container,
 * the run's folder with the trace): nothing is left when the process exits — no container, no
 * folder under the cache, nothing in the temp directory — without any later command to reap it
 * (#27: 6 folders were left in /tmp after 5 interrupted runs).
 */
@Tag("engine")
class SandboxInterruptIT {
  private static final int RUNS = CtrlC.runs(25);

  @Test
  void ctrlCAtAnyMomentOfATracedRunLeavesNothing(@TempDir Path dir) throws Exception {
    CtrlC.requireDeliverable();
    Engine engine = TestEngine.get();
    Path cache = Files.createDirectory(dir.resolve("cache"));
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path script = Files.writeString(dir.resolve("busy.py"), busyScript());
    Random random = new Random(27);
    long t0 = System.nanoTime();
    sandbox(script, cache, tmp, dir.resolve("whole.log")).waitFor(120, TimeUnit.SECONDS);
    int whole = (int) Math.max(1000, (System.nanoTime() - t0) / 1_000_000);
    List<String> leftovers = new ArrayList<>();
    int interruptedMidRun = 0;
    int stoppedBySignal = 0; // exited 130: the signal, not the run's own end, stopped it
    for (int i = 0; i < RUNS; i++) {
      Path log = dir.resolve("run-" + i + ".log");
      Process p = sandbox(script, cache, tmp, log);
      Thread.sleep(100 + random.nextInt(whole * 9 / 10));
      if (p.isAlive()) {
        interruptedMidRun++;
        CtrlC.send(p);
      }
      assertTrue(
          p.waitFor(60, TimeUnit.SECONDS), "the lab exits after Ctrl-C: " + Files.readString(log));
      if (p.exitValue() == ExitCode.INTERRUPTED) {
        stoppedBySignal++;
      }
      List<String> left = new ArrayList<>(engine.objectsOwnedBy(p.pid()));
      left.addAll(entries(cache.resolve("sandbox/runs")));
      left.addAll(entries(tmp));
      try (Stream<Path> kits = Files.list(cache.resolve("sandbox/kits"))) {
        kits.filter(k -> k.getFileName().toString().startsWith(".part-"))
            .forEach(k -> left.add(k.toString()));
      }
      if (!left.isEmpty()) {
        leftovers.add("run " + i + ": " + left + "\n" + Files.readString(log));
        new io.containercodes.lab.engine.EngineConnector(System.getenv(), null, m -> {})
            .connect()
            .close();
      }
    }
    CtrlC.assertMostStopped(RUNS, interruptedMidRun, stoppedBySignal);
    assertEquals(List.of(), leftovers);
  }

  private static String busyScript() {
    return "import time\nend = time.time() + 2\nn = 0\nwhile time.time() < end:\n"
        + "    with open('/tmp/f%d' % (n % 50), 'w') as f:\n        f.write('x')\n    n += 1\n";
  }

  private static List<String> entries(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(Path::toString).toList();
    }
  }

  private static Process sandbox(Path script, Path cache, Path tmp, Path log)
      throws java.io.IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Djava.io.tmpdir=" + tmp,
            "-jar",
            System.getProperty("cclab.jar", "target/cclab.jar"),
            "sandbox",
            "run",
            script.toString());
    pb.environment().put("CCLAB_CACHE_DIR", cache.toString());
    return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
