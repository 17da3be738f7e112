package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.EngineFacts.Topic;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lab's probe on the real engine (root Podman here: every limit acts, and it sees the lab's
 * files). The rootless engine's answers, where none of them act, are RootlessPodmanIT's; the
 * readings of both are held by ProbeReadingTest on outputs captured from these engines.
 */
@Tag("engine")
class FactProbeIT {
  @Test
  void onARootEngineEveryLimitActsAndTheLabsFilesAreSeen() {
    String busybox = TestEngine.busybox();
    // a connection of its own: the shared one may have measured for a test that ran before
    try (Engine engine =
        new EngineConnector(System.getenv(), null, m -> System.err.println("[cclab] " + m))
            .connect()) {
      FactsSessionCache.forUser().forget(engine.endpoint());
      measuredOnce(engine, busybox);
    }
  }

  private static void measuredOnce(Engine engine, String busybox) {
    List<Outcome> runs = new ArrayList<>();
    EngineFacts facts =
        engine.measuredFacts(
            spec -> {
              Outcome o =
                  engine.run(
                      TestRuns.admitted(spec.toBuilder().image(busybox).build()),
                      OutputListener.IGNORE);
              runs.add(o);
              return o;
            });
    assertEquals(1, runs.size(), "one probe container: " + facts.fact(Topic.MEMORY_LIMIT));
    String out = runs.get(0).stdout().text();
    for (Topic t :
        List.of(
            Topic.MEMORY_LIMIT,
            Topic.SWAP_LIMIT,
            Topic.PIDS_LIMIT,
            Topic.CPU_LIMIT,
            Topic.HOST_FILES)) {
      Fact f = facts.fact(t);
      assertTrue(f.isYes(), t + ": " + f + "\n" + out);
      assertEquals(Fact.Basis.MEASURED, f.basis(), t + ": " + f);
    }
    assertTrue(engine.facts() == facts, "facts() returns the measured facts from now on");
    assertEquals(
        facts,
        engine.measuredFacts(
            s -> {
              throw new AssertionError("measured once per connection");
            }));
    assertTrue(engine.labContainersOfThisProcess().isEmpty(), "the probe container is removed");
    try (var left = Files.list(io.containercodes.lab.host.LabDirectories.work())) {
      assertTrue(
          left.noneMatch(
              p ->
                  p.getFileName().toString().startsWith("cclab-probe-")
                      && p.toFile().lastModified() > System.currentTimeMillis() - 60_000),
          "the canary folder is removed");
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
