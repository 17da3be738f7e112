package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The packaged lab as a separate process: what Ctrl-C and a crash leave behind. */
@Tag("engine")
class ProcessIT {
  private static Engine engine;

  @BeforeAll
  static void prepare() {
    engine = TestEngine.get();
    TestEngine.busybox();
  }

  private static Process startSleeper(Path log) throws IOException {
    String jar = System.getProperty("cclab.jar", "target/cclab.jar");
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "try",
                "--",
                "podman",
                "run",
                "--rm",
                "cclab/busybox",
                "sleep",
                "600")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    return pb.start();
  }

  /** Waits until the child has a container of its own running, and returns its id. */
  private static String awaitContainerOf(Set<String> before, Process p, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      // the child's own container: other lab processes may share this engine (parallel builds, a
      // REPL)
      List<String> now =
          engine.objectsOwnedBy(p.pid()).stream()
              .filter(o -> o.startsWith("container "))
              .map(o -> o.substring("container ".length()))
              .filter(id -> !before.contains(id))
              .toList();
      if (!now.isEmpty()) {
        Thread.sleep(300); // let it reach the wait
        return now.get(0);
      }
      assertTrue(p.isAlive(), "the lab exited early: " + Files.readString(log));
      Thread.sleep(100);
    }
    throw new AssertionError("no container appeared: " + Files.readString(log));
  }

  @Test
  void ctrlCRemovesTheRunningContainer(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    CtrlC.requireDeliverable();
    Path log = dir.resolve("cclab-sigint.log");
    Set<String> before = Set.copyOf(engine.labContainers());
    Process p = startSleeper(log);
    String id = awaitContainerOf(before, p, log);
    CtrlC.send(p);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the lab exits after Ctrl-C");
    assertFalse(
        engine.labContainers().contains(id), "container removed; log:\n" + Files.readString(log));
  }

  @Test
  void aCrashedRunsContainerIsReapedByTheNextStart(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("cclab-sigkill.log");
    Set<String> before = Set.copyOf(engine.labContainers());
    Process p = startSleeper(log);
    String id = awaitContainerOf(before, p, log);
    p.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertTrue(
        engine.labContainers().contains(id),
        "a killed JVM cannot clean up: the container is still there");

    StringBuilder notices = new StringBuilder();
    try (Engine next =
        new io.containercodes.lab.engine.EngineConnector(
                System.getenv(), null, m -> notices.append(m).append('\n'))
            .connect()) {
      assertFalse(next.labContainers().contains(id), "reaped at start");
    }
    assertTrue(notices.toString().contains("left behind"), notices.toString());
    assertEquals(List.of(), engine.objectsOwnedBy(p.pid()), "nothing of the killed run is left");
  }
}
