package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.images.MuslTestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts run in the real sandbox on the real engine, watched at the system-call level: the hostile
 * ones swallow every error and print nothing, and each attempt must still appear with the
 * protection that stopped it.
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
    runner =
        new SandboxRunner(engine, images, System.getenv(), m -> System.err.println("[cclab] " + m));
    before = Set.copyOf(engine.labContainersOfThisProcess());
  }

  @AfterAll
  static void nothingLeftBehind() {
    // only this JVM's containers: other builds share the engine on this machine
    assertEquals(before, Set.copyOf(engine.labContainersOfThisProcess()));
  }

  private static SandboxOptions options(String file) {
    return SandboxOptions.defaults(DIR.resolve(file));
  }

  private static SandboxOptions with(
      SandboxOptions o, boolean canary, Duration timeout, boolean trace, Path keep, String image) {
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

  private static SandboxReport run(SandboxOptions o) {
    SandboxReport r = runner.run(o, OutputListener.IGNORE);
    System.out.println(o.file().getFileName() + ": " + r.verdict());
    r.attempts().forEach(a -> System.out.println("   " + a));
    return r;
  }

  private static SandboxReport run(String file) {
    return run(options(file));
  }

  private static SandboxReport.Attempt attempt(SandboxReport r, String kind, String target) {
    return r.attempts().stream()
        .filter(a -> a.kind().equals(kind) && a.target().equals(target))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(kind + " " + target + " missing from " + r.attempts()));
  }

  private static void blockedBy(
      SandboxReport r, String kind, String target, String errno, String protection) {
    SandboxReport.Attempt a =
        r.attempts().stream()
            .filter(x -> x.kind().equals(kind) && x.target().equals(target) && x.blocked())
            .findFirst()
            .orElseThrow(
                () -> new AssertionError(kind + " " + target + " not blocked in " + r.attempts()));
    assertEquals(errno, a.errno(), a.toString());
    assertTrue(a.protection().startsWith(protection), a.toString());
  }

  private static boolean tried(SandboxReport r, String kind) {
    return r.attempts().stream().anyMatch(a -> a.kind().equals(kind));
  }

  /**
   * unshare is allowed by Podman's default seccomp profile and refused by Docker's: either way it
   * must be seen, and named.
   */
  private static void unshareSeen(SandboxReport r) {
    SandboxReport.Attempt u = attempt(r, "privilege", "unshare CLONE_NEWUSER");
    assertTrue(u.gotThrough() || (u.blocked() && !u.protection().isEmpty()), u.toString());
  }

  private static String scriptOutput(SandboxReport r) {
    String out = r.outcome().stdout().text();
    int mark = out.indexOf(SandboxRunner.MARKER);
    return (mark < 0 ? out : out.substring(0, mark)).strip();
  }

  @Test
  void aHostilePythonScriptThatSwallowsEveryErrorIsSeenAttemptByAttempt(@TempDir Path tmp)
      throws Exception {
    Path keep = tmp.resolve("raw.trace");
    SandboxReport r =
        run(with(options("hostile.py"), false, SandboxOptions.DEFAULT_TIMEOUT, true, keep, null));
    assertEquals(0, r.outcome().exitCode(), r.outcome().stderr().text());
    assertEquals("", scriptOutput(r), "it prints nothing: the report cannot come from its output");
    assertTrue(r.observed() && r.traceComplete());

    blockedBy(r, "write", "/etc/owned", "EROFS", "--read-only");
    blockedBy(r, "write", "/usr/owned", "EROFS", "--read-only");
    blockedBy(r, "write", "/home/lab/.ssh", "EROFS", "--read-only");
    blockedBy(r, "write", "/home/lab/.ssh/authorized_keys", "ENOENT", "--read-only");
    blockedBy(
        r, "write", "/etc/profile", "EROFS", "--read-only"); // by the grandchild os.system started
    blockedBy(r, "read", "/etc/shadow", "EACCES", "--user");
    blockedBy(r, "read", "/home/lab/.aws/credentials", "ENOENT", "not mounted");
    blockedBy(r, "network", "127.0.0.1:9", "ECONNREFUSED", "--network none");
    SandboxReport.Attempt dns =
        r.attempts().stream().filter(a -> a.kind().equals("dns")).findFirst().orElseThrow();
    assertTrue(dns.blocked() && dns.protection().startsWith("--network none"), dns.toString());
    blockedBy(r, "privilege", "setuid(0)", "EPERM", "--cap-drop ALL");
    unshareSeen(r);
    if (attempt(r, "privilege", "unshare CLONE_NEWUSER").gotThrough()) {
      assertTrue(
          attempt(r, "privilege", "/proc/self/uid_map").gotThrough(),
          "it went on to map itself to root");
    }
    assertEquals(
        "ran", attempt(r, "exec", "sh -c sh -c 'echo owned > /etc/profile' 2>/dev/null").result());
    assertEquals(6L, r.scratchWrites().get("/tmp/note"));
    assertTrue(r.filesWritten().contains("/tmp/note"), r.filesWritten().toString());
    assertTrue(r.containedSomething(), "--strict exits 4 on this");
    assertTrue(
        r.verdict()
            .contains(
                "it tried 5 writes outside scratch space, 2 reads of places secrets live, "
                    + "1 connection, 1 DNS lookup"),
        r.verdict());
    assertTrue(
        Files.readString(keep).contains("\"/etc/owned\", O_WRONLY"), "--trace keeps the raw trace");
  }

  @Test
  void aShellScriptInBusyboxIsSeenToo() {
    SandboxReport r = run("hostile.sh");
    assertEquals("", scriptOutput(r));
    blockedBy(r, "write", "/etc/owned", "EROFS", "--read-only");
    blockedBy(r, "write", "/home/lab/.ssh", "EROFS", "--read-only");
    blockedBy(r, "network", "127.0.0.1:9", "ECONNREFUSED", "--network none");
    // nslookup wrote its queries to 127.0.0.1:53, the sandbox's own loopback, where nothing answers
    assertTrue(
        r.attempts().stream()
            .anyMatch(
                a ->
                    a.kind().equals("dns")
                        && a.target().equals("collector.example")
                        && a.blocked()
                        && a.protection().startsWith("--network none")),
        r.attempts().toString());
    assertTrue(tried(r, "read"), r.attempts().toString());
    unshareSeen(r);
    assertEquals(5L, r.scratchWrites().get("/tmp/note"));
  }

  @Test
  void aScriptInAnAlpineLikeMuslImageIsSeen() throws Exception {
    String loader =
        MuslTestImage.build(
            engine, images.hostBusybox("the musl test image needs a static busybox"));
    try {
      SandboxReport r =
          run(
              with(
                  options("hostile_musl.sh"),
                  false,
                  SandboxOptions.DEFAULT_TIMEOUT,
                  true,
                  null,
                  MuslTestImage.REFERENCE));
      assertTrue(r.observed() && r.traceComplete(), r.verdict());
      blockedBy(r, "write", "/etc/owned", "EROFS", "--read-only");
      blockedBy(r, "network", "127.0.0.1:9", "ECONNREFUSED", "--network none");
      assertTrue(
          r.attempts().stream()
              .anyMatch(a -> a.kind().equals("exec") && a.target().startsWith(loader)),
          "the musl program ran under the tracer: " + r.attempts());
      unshareSeen(r);
      assertEquals(5L, r.scratchWrites().get("/tmp/note"));
    } finally {
      engine.removeImage(MuslTestImage.REFERENCE);
    }
  }

  @Test
  void fiveHundredForksAreStoppedByThePidsLimitAndCounted() {
    SandboxReport r = run("forks_500.py");
    assertEquals("", scriptOutput(r));
    SandboxReport.Attempt fork = attempt(r, "fork", "new process");
    assertEquals("--pids-limit", fork.protection());
    assertTrue(fork.count() > 100, fork.toString());
    assertTrue(r.pidsLimitHit());
    assertTrue(r.peakProcesses() > 100 && r.peakProcesses() <= 128, "peak " + r.peakProcesses());
    assertTrue(r.verdict().startsWith("Contained: it hit the limit of 128 processes"), r.verdict());
  }

  @Test
  void aHarmlessScriptTriedNothing() {
    SandboxReport r = run("harmless.py");
    assertEquals(List.of(), r.attempts());
    assertFalse(r.containedSomething());
    assertTrue(r.verdict().contains("it tried nothing the sandbox had to stop"), r.verdict());
    assertEquals(6L, r.scratchWrites().get("/tmp/result.txt"));
  }

  @Test
  void withoutTracingTheReportSaysNotObservedNeverTriedNothing() {
    SandboxReport r =
        run(with(options("hostile.py"), false, SandboxOptions.DEFAULT_TIMEOUT, false, null, null));
    assertFalse(r.observed());
    assertTrue(r.verdict().contains("not observed: not traced (--no-trace)"), r.verdict());
    assertFalse(r.verdict().contains("tried nothing"), r.verdict());
  }

  @Test
  void theLessonsAiGeneratedScript() {
    SandboxReport r = run("../../../../demos/ai-code/ai_generated.py"); // the lesson's own file
    assertEquals(0, r.outcome().exitCode(), r.outcome().stderr().text());
    assertTrue(
        r.outcome().stdout().text().contains("Could not persist anything"),
        r.outcome().stdout().text());
    blockedBy(r, "write", "/etc/cron.d/ai-helper", "EROFS", "--read-only");
    assertTrue(tried(r, "dns"), r.attempts().toString());
    assertTrue(tried(r, "exec"), "whoami: " + r.attempts());
  }

  @Test
  void aScriptThatWritesOutsideTmp() {
    SandboxReport r = run("writes_outside_tmp.sh");
    blockedBy(r, "write", "/etc/backdoor.sh", "EROFS", "--read-only");
    assertTrue(
        r.filesWritten().containsAll(List.of("/tmp/scratch.txt", "/work/notes.txt")),
        r.filesWritten().toString());
    assertEquals(8L, r.scratchWrites().get("/tmp/scratch.txt"));
    assertEquals(List.of(), r.rootChanges());
  }

  @Test
  void aDroppedProgramRunsNowhereNotEvenInPodmansReadOnlyTmpfs() {
    String out = run("drops_a_program.sh").outcome().stdout().text();
    assertFalse(out.contains("program ran"), out);
    assertTrue(
        out.contains("blocked in /run")
            && out.contains("blocked in /var/tmp")
            && out.contains("blocked in /tmp"),
        out);
  }

  @Test
  void aScriptThatReadsSshKeysFindsNothing() {
    SandboxReport r = run("reads_ssh.py");
    assertFalse(r.outcome().stdout().text().contains("stole"));
    blockedBy(r, "read", "/home/lab/.ssh/id_rsa", "ENOENT", "not mounted");
  }

  @Test
  void aSocketToTheCanaryIsBlockedByDefaultAndRecordedWithTheCanaryNetwork() {
    SandboxReport blocked = run("phones_home.py");
    assertTrue(blocked.canaryRequests().isEmpty());
    assertTrue(
        blocked.attempts().stream().anyMatch(a -> a.kind().equals("dns") && a.blocked()),
        blocked.attempts().toString());

    SandboxReport recorded =
        run(
            with(
                options("phones_home.py"), true, SandboxOptions.DEFAULT_TIMEOUT, true, null, null));
    assertTrue(
        recorded
            .canaryRequests()
            .containsAll(
                List.of(
                    "DNS canary",
                    "HTTP GET canary:8080/collect?secret=42",
                    "DNS collector.example",
                    "HTTP POST collector.example/upload")),
        recorded.canaryRequests().toString());
    assertTrue(recorded.relaxations().get(0).startsWith("network:"));
    // the trace saw the same: the names asked for, decoded from the queries, and connections that
    // got through
    assertTrue(
        attempt(recorded, "dns", "collector.example").gotThrough(), recorded.attempts().toString());
    assertTrue(
        recorded.attempts().stream()
            .anyMatch(
                a -> a.kind().equals("network") && a.gotThrough() && a.target().endsWith(":8080")),
        recorded.attempts().toString());
    assertTrue(recorded.containedSomething(), "what got through counts for --strict");
  }

  @Test
  void aScriptThatForksAThousandProcesses() {
    SandboxReport r = run("fork_1000.sh");
    assertTrue(r.pidsLimitHit(), r.attempts().toString());
    assertFalse(r.outcome().stdout().text().contains("started all 1000"));
    assertEquals("--pids-limit", attempt(r, "fork", "new process").protection());
    assertTrue(r.verdict().startsWith("Contained: it hit the limit of 128 processes"), r.verdict());
  }

  @Test
  void aScriptThatAllocatesOneGibibyte() {
    SandboxReport r = run("allocate_1g.py");
    assertTrue(r.outcome().oomKilled(), r.outcome().oomEvidence());
    assertTrue(r.verdict().startsWith("Stopped: it tried to use more than 256 MiB"), r.verdict());
    assertEquals("--memory", attempt(r, "memory", "more than 256 MiB").protection());
    assertTrue(r.verdict().contains("it tried nothing else"), r.verdict());
  }

  @Test
  void aScriptThatSleepsForever() {
    SandboxReport r =
        run(with(options("sleeps_forever.sh"), false, Duration.ofSeconds(3), true, null, null));
    assertTrue(r.outcome().timedOut());
    assertTrue(r.verdict().startsWith("Stopped: it was still running after 3 s"), r.verdict());
    assertEquals(
        "going to sleep\n",
        r.outcome().stdout().text().substring(0, r.outcome().stdout().text().indexOf('\n') + 1));
    assertTrue(r.observed());
  }

  @Test
  void aScriptThatKillsItsTracerIsCaughtReachingForItAndTheRunEnds() {
    SandboxReport r = run("kills_its_tracer.py");
    assertTrue(
        r.attempts().stream()
            .anyMatch(a -> a.kind().equals("tracer") && a.target().startsWith("kill ")),
        r.attempts().toString());
    assertFalse(r.traceComplete());
    assertFalse(
        r.outcome().stdout().text().contains("still here"), "the container ended with its tracer");
    assertFalse(r.outcome().oomKilled(), r.outcome().oomEvidence());
    assertTrue(
        r.verdict().contains("1 attempt on the tracer")
            && r.verdict().contains("may have tried more"),
        r.verdict());
    assertTrue(r.containedSomething());
  }

  @Test
  void whenTheTracerCannotStartTheScriptRunsUntracedAndTheReportSaysSo() {
    SandboxRunner refused =
        new SandboxRunner(engine, images, System.getenv(), m -> System.err.println("[cclab] " + m));
    refused.extraTracerFlags =
        List.of("-e", "trace=no_such_call"); // strace refuses to start, as it does without ptrace
    SandboxReport r = refused.run(options("hostile.py"), OutputListener.IGNORE);
    System.out.println("refused: " + r.verdict());
    assertFalse(r.observed());
    assertTrue(r.notObserved().startsWith("the tracer could not start here ("), r.notObserved());
    assertTrue(r.notObserved().contains("no_such_call"), r.notObserved());
    assertEquals(
        0, r.outcome().exitCode(), "the script ran, untraced: " + r.outcome().stderr().text());
    assertTrue(
        r.verdict().contains("not observed:") && !r.verdict().contains("tried nothing"),
        r.verdict());
  }
}
