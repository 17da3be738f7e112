package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.sandbox.TraceAnalysis.Attempt;
import io.containercodes.lab.sandbox.TraceAnalysis.Observation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parser and the analysis on traces captured on this kind of machine (Podman 4.3, runc, strace
 * 6.1 from the tracer kit, the sandbox's hardening) by running the scripts next to them in
 * src/test/resources/sandbox.
 */
class TraceAnalysisTest {
  private static final TraceAnalysis.Scope SCOPE =
      new TraceAnalysis.Scope("/.cclab-trace", null, true);

  private static Observation observe(String fixture) throws IOException {
    String text =
        Files.readString(
            Path.of("src/test/resources/sandbox/traces", fixture), StandardCharsets.UTF_8);
    return TraceAnalysis.analyse(StraceParser.parse(text), SCOPE);
  }

  private static Optional<Attempt> find(Observation o, String kind, String target) {
    return o.attempts().stream()
        .filter(a -> a.kind().equals(kind) && a.target().equals(target))
        .findFirst();
  }

  private static Attempt get(Observation o, String kind, String target) {
    return find(o, kind, target)
        .orElseThrow(() -> new AssertionError(kind + " " + target + " not in " + o.attempts()));
  }

  @Test
  void theHostilePythonScriptIsSeenThoughItPrintsNothing() throws IOException {
    Observation o = observe("hostile-python.trace");
    assertTrue(o.complete());
    assertEquals(0, o.unparsed());

    Attempt etc = get(o, "write", "/etc/owned");
    assertEquals("blocked", etc.result());
    assertEquals("EROFS", etc.errno());
    assertEquals("--read-only", etc.protection());
    assertEquals("--read-only", get(o, "write", "/usr/owned").protection());
    assertEquals("EROFS", get(o, "write", "/home/lab/.ssh").errno());
    assertEquals("ENOENT", get(o, "write", "/home/lab/.ssh/authorized_keys").errno());
    assertEquals(
        "EROFS",
        get(o, "write", "/etc/profile").errno()); // from the grandchild: os.system("sh -c …")

    Attempt shadow = get(o, "read", "/etc/shadow");
    assertEquals("EACCES", shadow.errno());
    assertEquals("--user", shadow.protection());
    assertTrue(get(o, "read", "/home/lab/.aws/credentials").protection().startsWith("not mounted"));

    Attempt loopback =
        get(o, "network", "127.0.0.1:9"); // EINPROGRESS, then SO_ERROR told the result
    assertEquals("ECONNREFUSED", loopback.errno());
    assertTrue(loopback.protection().startsWith("--network none"), loopback.protection());
    assertTrue(
        o.attempts().stream().noneMatch(a -> a.result().equals("unknown")),
        o.attempts().toString());
    Attempt dns = get(o, "dns", "resolver 10.255.255.53:53");
    assertEquals("ENETUNREACH", dns.errno());
    assertEquals("--network none", dns.protection());
    assertEquals(2, dns.count()); // A and AAAA

    Attempt setuid = get(o, "privilege", "setuid(0)");
    assertEquals("EPERM", setuid.errno());
    assertEquals("--cap-drop ALL / seccomp", setuid.protection());
    Attempt unshare =
        get(
            o,
            "privilege",
            "unshare CLONE_NEWUSER"); // nothing stops it under Podman's default profile
    assertEquals("allowed", unshare.result());

    assertEquals("ran", get(o, "exec", "unshare --user --map-root-user true").result());
    assertEquals(
        "ran", get(o, "exec", "sh -c sh -c 'echo owned > /etc/profile' 2>/dev/null").result());
    assertTrue(
        find(o, "exec", "python3 /s/hostile.py").isEmpty(), "the program itself is no attempt");
    assertEquals(6L, o.scratchWrites().get("/tmp/note"));
    // nothing the dynamic loader or Python's start-up does is reported
    assertTrue(
        o.attempts().stream()
            .noneMatch(a -> a.target().startsWith("/usr/lib") || a.target().contains("nscd")),
        o.attempts().toString());
  }

  @Test
  void attemptsCarryTheirFirstOffsetAndAreInOrder() throws IOException {
    Observation o = observe("hostile-python.trace");
    long previous = -1;
    for (Attempt a : o.attempts()) {
      assertTrue(a.firstMs() >= previous, o.attempts().toString());
      previous = a.firstMs();
    }
    assertTrue(get(o, "write", "/etc/owned").firstMs() > 0);
  }

  @Test
  void theBusyboxScriptIsSeenToo() throws IOException {
    Observation o = observe("hostile-busybox.trace");
    assertEquals("--read-only", get(o, "write", "/etc/owned").protection());
    assertEquals("EROFS", get(o, "write", "/home/lab/.ssh").errno());
    assertEquals("ENOENT", get(o, "read", "/etc/shadow").errno());
    Attempt nc = get(o, "network", "127.0.0.1:9");
    assertEquals("ECONNREFUSED", nc.errno());
    // busybox nslookup wrote its queries to 127.0.0.1:53: the sandbox's own loopback, where nothing
    // answers
    Attempt dns = get(o, "dns", "collector.example");
    assertEquals("blocked", dns.result());
    assertTrue(dns.protection().startsWith("--network none"), dns.protection());
    assertEquals("allowed", get(o, "privilege", "unshare CLONE_NEWUSER").result());
    assertEquals("ran", get(o, "exec", "cat /etc/shadow /home/lab/.aws/credentials").result());
    // busybox's setgid(1000)/setuid(1000) for every applet, and mkdir -p's EEXIST, are nothing
    assertTrue(
        o.attempts().stream()
            .noneMatch(a -> a.target().startsWith("setuid(1000") || a.target().equals("/home")),
        o.attempts().toString());
    assertEquals(5L, o.scratchWrites().get("/tmp/note"));
  }

  @Test
  void forksStoppedByThePidsLimitAreCountedAndThePeakIsTracked() throws IOException {
    Observation o = observe("forks-python.trace");
    Attempt fork = get(o, "fork", "new process");
    assertEquals("EAGAIN", fork.errno());
    assertEquals("--pids-limit", fork.protection());
    assertTrue(fork.count() > 300, "count " + fork.count());
    assertTrue(o.peakProcesses() > 100 && o.peakProcesses() <= 128, "peak " + o.peakProcesses());
  }

  @Test
  void aHarmlessScriptTriedNothing() throws IOException {
    Observation o = observe("harmless-python.trace");
    assertEquals(List.of(), o.attempts());
    assertEquals(6L, o.scratchWrites().get("/tmp/result.txt"));
    assertTrue(o.complete());
  }

  @Test
  void unfinishedAndResumedHalvesAreJoined() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 execve("/usr/bin/python3", ["python3", "/x.py"], 0x1 /* 6 vars */) = 0
            8     1000.000200 clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD}, 88 <unfinished ...>
            9     1000.000300 execve("/bin/sh", ["sh", "-c", "a, b) = 7"], 0x2 /* 6 vars */ <unfinished ...>
            8     1000.000400 <... clone3 resumed>) = 9
            9     1000.000500 <... execve resumed>) = 0
            9     1000.000600 openat(AT_FDCWD</work>, "../etc/x", O_WRONLY|O_CREAT, 0666) = -1 EROFS (Read-only file system)
            9     1000.000700 +++ exited with 2 +++
            8     1000.000800 wait4(9,  <unfinished ...>
            """);
    assertEquals(
        List.of("execve", "clone3", "execve", "openat", "wait4"),
        t.calls().stream().map(StraceParser.Call::name).toList());
    assertEquals(9L, t.calls().get(1).value());
    assertEquals(
        100L, t.calls().get(1).micros() - t.startMicros()); // the time it started, not resumed
    assertEquals(
        "a, b) = 7",
        new String(StraceParser.strings(t.calls().get(2).arg(1)).get(2), StandardCharsets.UTF_8));
    assertFalse(t.rootEnded(), "the trace was cut off before the program's own exit");
    Observation o = TraceAnalysis.analyse(t, SCOPE);
    assertEquals(
        "/etc/x",
        o.attempts().stream()
            .filter(a -> a.kind().equals("write"))
            .findFirst()
            .orElseThrow()
            .target());
    assertEquals(2, o.peakProcesses());
    assertFalse(o.complete());
  }

  @Test
  void forgedOrBrokenLinesAreCountedNotTrusted() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 execve("/bin/sh", ["sh"], 0x1 /* 1 vars */) = 0
            hello from the script
            8     1000.000200 openat(AT_FDCWD</>, "/etc/x", O_WRONLY
            \0\0\0\0
            """);
    assertEquals(3, t.unparsed());
  }

  @Test
  void reachingForTheTracerIsReported() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 execve("/bin/sh", ["sh"], 0x1 /* 1 vars */) = 0
            8     1000.000200 openat(AT_FDCWD</>, "/proc/7/cmdline", O_RDONLY) = 3</proc/7/cmdline>
            8     1000.000300 openat(AT_FDCWD</>, "/.cclab-trace/abc", O_WRONLY|O_TRUNC) = 3</.cclab-trace/abc>
            8     1000.000400 kill(7, SIGKILL) = 0
            8     1000.000500 openat(AT_FDCWD</>, "/proc/8/status", O_RDONLY) = 3</proc/8/status>
            8     1000.000600 kill(-1, SIGKILL) = 0
            """);
    Observation o = TraceAnalysis.analyse(t, SCOPE);
    assertEquals(
        List.of("/proc/7/cmdline", "/.cclab-trace/abc", "kill 7", "kill -1"),
        o.attempts().stream().filter(a -> a.kind().equals("tracer")).map(Attempt::target).toList());
  }

  @Test
  void touchingAFileOutsideScratchIsAWriteAndFutimensIsNoPath() {
    // utimensat is traced since the tracer's list was tied to the analysis: touch on a file is seen
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 execve("/bin/sh", ["sh"], 0x1 /* 1 vars */) = 0
            8     1000.000200 utimensat(AT_FDCWD</>, "/etc/hostname", NULL, 0) = -1 EROFS (Read-only file system)
            8     1000.000300 utimensat(3</etc/passwd>, NULL, NULL, 0) = -1 EROFS (Read-only file system)
            """);
    Observation o = TraceAnalysis.analyse(t, SCOPE);
    assertEquals(
        List.of("/etc/hostname"),
        o.attempts().stream().filter(a -> a.kind().equals("write")).map(Attempt::target).toList());
  }

  @Test
  void dnsQueriesAreDecodedFromTheirBytes() {
    String q =
        "\"\\x51\\x1a\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x09\\x63\\x6f\\x6c\\x6c\\x65\\x63\\x74\\x6f"
            + "\\x72\\x07\\x65\\x78\\x61\\x6d\\x70\\x6c\\x65\\x00\\x00\\x01\\x00\\x01\"";
    assertEquals(
        List.of("collector.example"), TraceAnalysis.dnsNames("3<socket:[1]>, " + q + ", 35"));
    assertNull(
        TraceAnalysis.dnsQuestion("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void octalAndNamedEscapesDecode() {
    assertEquals(
        "a\nb\"c\1",
        new String(StraceParser.strings("\"a\\nb\\\"c\\1\"").get(0), StandardCharsets.UTF_8));
  }

  @Test
  void escapedNamesInFdAnnotationsMatchTheNamesOpened() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 execve("/usr/bin/python3", ["python3"], 0x1 /* 1 vars */) = 0
            8     1000.000200 openat(AT_FDCWD</>, "/tmp/\\x1b]0;x\\x07", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 3</tmp/\\x1b]0;x\\x07>
            8     1000.000300 write(3</tmp/\\x1b]0;x\\x07>, "x", 1) = 1
            8     1000.000400 +++ exited with 0 +++
            """);
    Observation o = TraceAnalysis.analyse(t, SCOPE);
    assertEquals(java.util.Map.of("/tmp/\u001b]0;x\u0007", 1L), o.scratchWrites());
  }

  @Test
  void theVerdictCountsDistinctTargetsAndNamesWhatGotThrough() {
    List<SandboxReport.Attempt> a =
        List.of(
            new SandboxReport.Attempt("write", "/etc/a", "blocked", "EROFS", "--read-only", 3, 1),
            new SandboxReport.Attempt(
                "dns", "resolver 10.0.0.1:53", "blocked", "ENETUNREACH", "--network none", 2, 2),
            new SandboxReport.Attempt(
                "privilege", "unshare CLONE_NEWUSER", "allowed", null, "", 1, 3),
            new SandboxReport.Attempt("exec", "sh -c x", "ran", null, "", 1, 4));
    assertEquals(
        "it tried 1 write outside scratch space, 1 DNS lookup, 1 privileged call — 1 got through: "
            + "unshare CLONE_NEWUSER; it ran 1 other program",
        SandboxRunner.tried(a));
    assertEquals("it tried nothing the sandbox had to stop", SandboxRunner.tried(List.of()));
  }

  @Test
  void aLineCutOffByTheTracersDeathStillCounts() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            11    1000.000100 execve("/usr/bin/python3", ["python3", "/work/k.py"], 0x1 /* 1 vars */) = 0
            11    1000.000200 kill(7, SIGKILL\
            """);
    Observation o = TraceAnalysis.analyse(t, SCOPE);
    assertEquals(0, t.unparsed());
    assertEquals("kill 7", o.attempts().get(0).target());
    assertEquals("tracer", o.attempts().get(0).kind());
    assertFalse(o.complete());
  }

  @Test
  void waysAroundTheTracerAreReported() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 execve("/usr/bin/python3", ["python3"], 0x1 /* 1 vars */) = 0
            8     1000.000200 clone(child_stack=NULL, flags=CLONE_UNTRACED|SIGCHLD) = 9
            8     1000.000300 io_uring_setup(8, 0x7ffc0) = 3<anon_inode:[io_uring]>
            8     1000.000400 +++ exited with 0 +++
            """);
    Observation o = TraceAnalysis.analyse(t, SCOPE);
    assertEquals(
        List.of(
            "clone CLONE_UNTRACED (a child the tracer cannot follow)",
            "io_uring_setup (what it does through io_uring is not traced)"),
        o.attempts().stream().filter(a -> a.kind().equals("tracer")).map(Attempt::target).toList());
  }

  @Test
  void aConnectionToItsOwnLoopbackServerIsNoAttemptButARefusedOneIs() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 execve("/usr/bin/python3", ["python3"], 0x1 /* 1 vars */) = 0
            8     1000.000200 connect(3<socket:[5]>, {sa_family=AF_INET, sin_port=htons(8000), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
            8     1000.000300 connect(4<socket:[6]>, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused)
            8     1000.000400 +++ exited with 0 +++
            """);
    Observation o = TraceAnalysis.analyse(t, SCOPE);
    assertEquals(List.of("127.0.0.1:9"), o.attempts().stream().map(Attempt::target).toList());
  }
}
