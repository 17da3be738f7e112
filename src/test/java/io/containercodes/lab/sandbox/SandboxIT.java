package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.images.LabImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The seven scripts of the issue, each contained and reported correctly, on the real engine. */
@Tag("engine")
class SandboxIT {
  private static final Path DIR = Path.of("src/test/resources/sandbox");
  private static Engine engine;
  private static SandboxRunner runner;
  private static Set<String> before;

  @BeforeAll
  static void engine() {
    engine = TestEngine.get();
    runner = new SandboxRunner(engine, new LabImages(engine, System.getenv(), m -> System.err.println("[cclab] " + m)));
    before = Set.copyOf(engine.labContainers());
  }

  @AfterAll
  static void nothingLeftBehind() {
    assertEquals(before, Set.copyOf(engine.labContainers()));
  }

  private static SandboxReport run(String file, boolean canary, Duration timeout) {
    SandboxOptions o = new SandboxOptions(DIR.resolve(file), List.of(), null, canary, SandboxOptions.DEFAULT_MEMORY,
        SandboxOptions.DEFAULT_CPUS, SandboxOptions.DEFAULT_PIDS, timeout, null, false);
    SandboxReport r = runner.run(o, OutputListener.IGNORE);
    System.out.println(file + ": " + r.verdict() + " " + r.attempts());
    return r;
  }

  private static SandboxReport run(String file) {
    return run(file, false, SandboxOptions.DEFAULT_TIMEOUT);
  }

  private static boolean tried(SandboxReport r, String kind) {
    return r.attempts().stream().anyMatch(a -> a.kind().equals(kind));
  }

  @Test
  void theLessonsAiGeneratedScript() {
    SandboxReport r = run("../../../../demos/ai-code/ai_generated.py"); // the lesson's own file
    assertEquals(0, r.outcome().exitCode(), r.outcome().stderr().text());
    assertTrue(tried(r, "network"), r.attempts().toString());
    assertTrue(r.outcome().stdout().text().contains("Could not persist anything"), r.outcome().stdout().text());
    assertTrue(r.verdict().startsWith("Ran to the end (exit 0); it tried:"), r.verdict());
  }

  @Test
  void aScriptThatWritesOutsideTmp() {
    SandboxReport r = run("writes_outside_tmp.sh");
    assertTrue(tried(r, "write"), r.attempts().toString());
    assertTrue(r.filesWritten().containsAll(List.of("/tmp/scratch.txt", "/work/notes.txt")), r.filesWritten().toString());
    assertEquals(List.of(), r.rootChanges());
  }

  @Test
  void aDroppedProgramRunsNowhereNotEvenInPodmansReadOnlyTmpfs() {
    String out = run("drops_a_program.sh").outcome().stdout().text();
    assertFalse(out.contains("program ran"), out);
    assertTrue(out.contains("blocked in /run") && out.contains("blocked in /var/tmp") && out.contains("blocked in /tmp"), out);
  }

  @Test
  void aScriptThatReadsSshKeysFindsNothing() {
    SandboxReport r = run("reads_ssh.py");
    assertFalse(r.outcome().stdout().text().contains("stole"));
    SandboxReport.Attempt read = r.attempts().stream().filter(a -> a.kind().equals("read")).findFirst().orElseThrow();
    assertTrue(read.evidence().contains("/home/lab/.ssh/id_rsa"), read.evidence());
  }

  @Test
  void aSocketToTheCanaryIsBlockedByDefaultAndRecordedWithTheCanaryNetwork() {
    SandboxReport blocked = run("phones_home.py");
    assertTrue(blocked.canaryRequests().isEmpty());
    assertTrue(tried(blocked, "network"), blocked.attempts().toString());

    SandboxReport recorded = run("phones_home.py", true, SandboxOptions.DEFAULT_TIMEOUT);
    assertTrue(recorded.canaryRequests().containsAll(List.of("DNS canary", "HTTP GET canary:8080/collect?secret=42",
        "DNS collector.example", "HTTP POST collector.example/upload")), recorded.canaryRequests().toString());
    assertTrue(recorded.relaxations().get(0).startsWith("network:"));
  }

  @Test
  void aScriptThatForksAThousandProcesses() {
    SandboxReport r = run("fork_1000.sh");
    assertTrue(r.pidsLimitHit(), r.attempts().toString());
    assertFalse(r.outcome().stdout().text().contains("started all 1000"));
    assertTrue(r.verdict().startsWith("Contained: it hit the limit of 128 processes"), r.verdict());
  }

  @Test
  void aScriptThatAllocatesOneGibibyte() {
    SandboxReport r = run("allocate_1g.py");
    assertTrue(r.outcome().oomKilled(), r.outcome().oomEvidence());
    assertTrue(r.verdict().startsWith("Stopped: it tried to use more than 256 MiB"), r.verdict());
  }

  @Test
  void aScriptThatSleepsForever() {
    SandboxReport r = run("sleeps_forever.sh", false, Duration.ofSeconds(3));
    assertTrue(r.outcome().timedOut());
    assertTrue(r.verdict().startsWith("Stopped: it was still running after 3 s"), r.verdict());
    assertEquals("going to sleep\n", r.outcome().stdout().text().substring(0, r.outcome().stdout().text().indexOf('\n') + 1));
  }
}
