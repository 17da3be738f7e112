package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.images.MuslTestImage;
import io.containercodes.lab.sandbox.SandboxReport.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts run in the real sandbox on the real engine, traced from the sidecar: the hostile ones
 * swallow every error and print nothing, and each attempt must still appear with the protection
 * that stopped it. What each rule flags is the selftest's to prove ({@link SelftestIT}); this
 * proves the sandbox around it: the tracer's reach, its end, the fallbacks and the limits.
 */
@Tag("engine")
class SandboxIT {
  private static final Path DIR = Path.of("src/test/resources/sandbox");
  private static Engine engine;
  private static SandboxRunner runner;
  private static LabImages images;
  private static Set<String> before;

  @BeforeAll
  static void engine() {
    engine = TestEngine.get();
    images = new LabImages(engine, System.getenv(), m -> System.err.println("[cclab] " + m));
    runner = runner();
    before = Set.copyOf(engine.labContainersOfThisProcess());
  }

  private static SandboxRunner runner() {
    return new SandboxRunner(
        engine, images, System.getenv(), m -> System.err.println("[cclab] " + m));
  }

  @AfterAll
  static void nothingLeftBehind() throws Exception {
    // only this JVM's containers and folders: other builds share the engine and the cache
    assertEquals(before, Set.copyOf(engine.labContainersOfThisProcess()));
    Path runs = RunDirectory.base(System.getenv()).resolve("runs");
    try (Stream<Path> dirs = Files.list(runs)) {
      long mine =
          dirs.map(d -> RunDirectory.owner(d.getFileName().toString()))
              .filter(o -> o != null && o.pid() == ProcessHandle.current().pid())
              .count();
      assertEquals(0, mine, "run folders of this JVM left in " + runs);
    }
  }

  static SandboxOptions with(
      String file, boolean canary, Duration timeout, boolean trace, Path keep, String image) {
    SandboxOptions o = SandboxOptions.defaults(DIR.resolve(file));
    return new SandboxOptions(
        o.file(),
        o.args(),
        image,
        canary,
        o.memoryBytes(),
        o.cpus(),
        o.pids(),
        timeout,
        o.workspace(),
        o.writableWorkspace(),
        trace,
        keep);
  }

  private static SandboxReport run(SandboxRunner r, SandboxOptions o) {
    SandboxReport report = r.run(o, OutputListener.IGNORE);
    System.out.println(o.file().getFileName() + ": " + report.verdict());
    report.findings().forEach(a -> System.out.println("   " + a));
    return report;
  }

  private static SandboxReport run(String file) {
    return run(runner, SandboxOptions.defaults(DIR.resolve(file)));
  }

  private static Finding finding(SandboxReport r, String rule, String target) {
    return r.findings().stream()
        .filter(a -> rule.equals(a.rule()) && a.target().equals(target))
        .findFirst()
        .orElseThrow(() -> new AssertionError(rule + " " + target + " missing: " + r.findings()));
  }

  private static void blockedBy(
      SandboxReport r, String rule, String target, String errno, String protection) {
    Finding a = finding(r, rule, target);
    assertTrue(a.blocked(), a.toString());
    assertEquals(errno, a.errno(), a.toString());
    assertTrue(a.protection().startsWith(protection), a.toString());
  }

  @Test
  void aHostilePythonScriptThatSwallowsEveryErrorIsSeenAttemptByAttempt(@TempDir Path tmp)
      throws Exception {
    Path keep = tmp.resolve("raw.trace");
    SandboxReport r =
        run(runner, with("hostile.py", false, SandboxOptions.DEFAULT_TIMEOUT, true, keep, null));
    assertEquals(0, r.outcome().exitCode(), r.outcome().stderr().text());
    assertEquals("", r.outcome().stdout().text(), "it prints nothing: the report is not from it");
    assertTrue(r.observed() && r.traceComplete(), r.incomplete());
    blockedBy(r, "Write below etc", "/etc/owned", "EROFS", "--read-only");
    blockedBy(r, "Write outside scratch space", "/usr/owned", "EROFS", "--read-only");
    blockedBy(r, "Modify Shell Configuration File", "/etc/profile", "EROFS", "--read-only");
    blockedBy(r, "Read sensitive file untrusted", "/etc/shadow", "EACCES", "--user");
    blockedBy(r, "Read credential files", "/home/lab/.aws/credentials", "ENOENT", "not mounted");
    blockedBy(r, "Outbound connection", "127.0.0.1:9", "ECONNREFUSED", "--network none");
    blockedBy(r, "Non sudo setuid", "setuid(0)", "EPERM", "--cap-drop ALL");
    // the sandbox's own profile: Podman's default would let unshare make a user namespace
    blockedBy(
        r,
        "Change namespace privileges via unshare",
        "unshare CLONE_NEWUSER",
        "EPERM",
        Protections.PROFILE);
    assertEquals(List.of("/tmp/note"), r.filesLeft());
    assertEquals(6L, r.scratchWrites().get("/tmp/note"));
    assertTrue(r.containedSomething(), "--strict exits 4 on this");
    assertTrue(
        Files.readString(keep).contains("\"/etc/owned\", O_WRONLY"), "--trace keeps the raw trace");
  }

  @Test
  void aShellScriptInBusyboxIsSeenToo() {
    SandboxReport r = run("hostile.sh");
    assertEquals("", r.outcome().stdout().text());
    blockedBy(r, "Write below etc", "/etc/owned", "EROFS", "--read-only");
    blockedBy(r, "Outbound connection", "127.0.0.1:9", "ECONNREFUSED", "--network none");
    assertTrue(finding(r, "DNS lookup", "collector.example").blocked());
    assertEquals(5L, r.scratchWrites().get("/tmp/note"));
  }

  @Test
  void aScriptInAnAlpineLikeMuslImageIsTracedFromTheSidecar() throws Exception {
    String loader = MuslTestImage.build(engine, images.labBusybox());
    try {
      SandboxReport r =
          run(
              runner,
              with(
                  "hostile_musl.sh",
                  false,
                  SandboxOptions.DEFAULT_TIMEOUT,
                  true,
                  null,
                  MuslTestImage.REFERENCE));
      assertTrue(r.observed() && r.traceComplete(), r.verdict());
      blockedBy(r, "Write below etc", "/etc/owned", "EROFS", "--read-only");
      assertTrue(
          r.findings().stream()
              .anyMatch(a -> a.kind().equals("exec") && a.target().startsWith(loader)),
          "the musl program ran under the tracer: " + r.findings());
      assertEquals(5L, r.scratchWrites().get("/tmp/note"));
    } finally {
      engine.removeImage(MuslTestImage.REFERENCE);
    }
  }

  @Test
  void aHarmlessScriptTriedNothingAndItsFilesAreListedFromTheTrace() {
    SandboxReport r = run("harmless.py");
    assertEquals(List.of(), r.findings().stream().filter(Finding::flagged).toList());
    assertFalse(r.containedSomething());
    assertTrue(r.verdict().contains("it tried nothing the sandbox had to stop"), r.verdict());
    assertEquals(List.of("/tmp/result.txt"), r.filesLeft());
    assertEquals("total 499500\n", r.outcome().stdout().text(), "its output is all its own");
  }

  @Test
  void withoutTracingTheReportSaysNotObservedNeverTriedNothing() {
    SandboxReport r =
        run(runner, with("hostile.py", false, SandboxOptions.DEFAULT_TIMEOUT, false, null, null));
    assertFalse(r.observed());
    assertTrue(r.verdict().contains("not observed: not traced (--no-trace)"), r.verdict());
    assertFalse(r.verdict().contains("tried nothing"), r.verdict());
  }

  @Test
  void whenTheTracerCannotStartTheScriptRunsUntracedAndTheReportSaysSo() {
    SandboxRunner refused = runner();
    refused.extraTracerFlags = List.of("-e", "trace=no_such_call"); // strace refuses to start
    SandboxReport r = run(refused, SandboxOptions.defaults(DIR.resolve("hostile.py")));
    assertFalse(r.observed());
    assertTrue(r.notObserved().startsWith("the tracer could not start here ("), r.notObserved());
    assertTrue(r.notObserved().contains("no_such_call"), r.notObserved());
    assertEquals(0, r.outcome().exitCode(), "it ran, untraced: " + r.outcome().stderr().text());
    assertTrue(
        r.verdict().contains("not observed:") && !r.verdict().contains("tried nothing"),
        r.verdict());
  }

  /**
   * The tracer dies mid-run (here of its file-size limit, as a flood of calls makes it): the kernel
   * kills the program with it, since the tracer is its PID namespace's init, and the report says
   * the trace is incomplete — the program never runs on untraced.
   */
  @Test
  void aTracerThatDiesEndsTheRunAndTheReportSaysTheTraceIsIncomplete() {
    SandboxRunner small = runner();
    small.maxTraceBytes = 256 << 10;
    long t0 = System.nanoTime();
    SandboxReport r = run(small, SandboxOptions.defaults(DIR.resolve("floods_the_trace.py")));
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertTrue(seconds < 25, "the run ended with its tracer, not at its own end: " + seconds);
    assertFalse(r.outcome().stdout().text().contains("still here"));
    assertFalse(r.traceComplete());
    assertTrue(r.incomplete().contains("file-size limit"), r.incomplete());
    assertFalse(r.outcome().oomKilled(), r.outcome().oomEvidence());
    assertTrue(r.verdict().contains("the trace is incomplete"), r.verdict());
    assertTrue(r.containedSomething(), "--strict exits 4 on an incomplete trace");
  }

  @Test
  void aScriptThatSendsItselfSigkillIsNotTakenForOutOfMemory() {
    SandboxReport r = run("kills_itself.py");
    assertEquals(137, r.outcome().exitCode());
    assertFalse(r.outcome().oomKilled(), r.outcome().oomEvidence());
    assertTrue(r.outcome().oomEvidence().contains("sending SIGKILL to itself"));
    assertTrue(r.traceComplete(), r.incomplete());
  }

  @Test
  void aDroppedProgramRunsNowhereNotEvenInPodmansReadOnlyTmpfs() {
    SandboxReport r = run("drops_a_program.sh");
    String out = r.outcome().stdout().text();
    assertFalse(out.contains("program ran"), out);
    assertTrue(
        out.contains("blocked in /run")
            && out.contains("blocked in /var/tmp")
            && out.contains("blocked in /tmp"),
        out);
    assertTrue(
        r.findings().stream()
            .anyMatch(
                f -> "Drop and execute new binary in container".equals(f.rule()) && f.blocked()),
        r.findings().toString());
  }

  @Test
  void aShellThatForksAThousandProcessesIsContained() {
    SandboxReport r = run("fork_1000.sh");
    assertTrue(r.pidsLimitHit(), r.findings().toString());
    assertFalse(r.outcome().stdout().text().contains("started all 1000"));
    assertEquals("--pids-limit", finding(r, "Process limit reached", "new process").protection());
    assertTrue(r.verdict().startsWith("Contained: it hit the limit of 128 processes"), r.verdict());
  }

  @Test
  void aScriptThatSleepsForeverIsStoppedAtItsTimeAndTheTraceSaysSo() {
    SandboxReport r =
        run(runner, with("sleeps_forever.sh", false, Duration.ofSeconds(3), true, null, null));
    assertTrue(r.outcome().timedOut());
    assertTrue(r.verdict().startsWith("Stopped: it was still running after 3 s"), r.verdict());
    assertTrue(r.outcome().stdout().text().startsWith("going to sleep\n"));
    assertTrue(r.observed());
    assertEquals("--timeout", finding(r, "Time limit reached", "longer than 3 s").protection());
  }

  @Test
  void theLessonsAiGeneratedScript() {
    SandboxReport r = run("../../../../demos/ai-code/ai_generated.py"); // the lesson's own file
    assertEquals(0, r.outcome().exitCode(), r.outcome().stderr().text());
    assertTrue(
        r.outcome().stdout().text().contains("Could not persist anything"),
        r.outcome().stdout().text());
    blockedBy(r, "Schedule Cron Jobs", "/etc/cron.d/ai-helper", "EROFS", "--read-only");
    assertTrue(
        r.findings().stream().anyMatch(a -> a.kind().equals("dns")), r.findings().toString());
  }
}
