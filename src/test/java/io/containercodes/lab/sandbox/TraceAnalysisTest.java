package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.sandbox.SandboxReport.Finding;
import io.containercodes.lab.sandbox.TraceAnalysis.Observation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parser and the analysis on traces captured on this kind of machine (Podman 4.3, runc, strace
 * 6.1 in the tracer's sidecar, the sandbox's hardening and seccomp profile) with {@code sandbox run
 * --trace}, from the scripts in src/test/resources/sandbox and the selftest corpus. Each file holds
 * the sidecar's whole trace, the barrier's wait before the program included, as the runner reads
 * it.
 */
class TraceAnalysisTest {
  private static final TraceAnalysis.Scope SCOPE = new TraceAnalysis.Scope(null, true, null);

  static Observation observe(String fixture, TraceAnalysis.Scope scope) throws IOException {
    String text =
        Files.readString(
            Path.of("src/test/resources/sandbox/traces", fixture), StandardCharsets.ISO_8859_1);
    return TraceAnalysis.analyse(StraceParser.parse(text).fromProgram(), scope);
  }

  static Observation observe(String fixture) throws IOException {
    return observe(fixture, SCOPE);
  }

  static Optional<Finding> find(Observation o, String rule, String target) {
    return o.findings().stream()
        .filter(a -> rule.equals(a.rule()) && a.target().contains(target))
        .findFirst();
  }

  static Finding get(Observation o, String rule, String target) {
    return find(o, rule, target)
        .orElseThrow(() -> new AssertionError(rule + " @ " + target + " not in " + o.findings()));
  }

  @Test
  void theHostilePythonScriptIsSeenThoughItPrintsNothing() throws IOException {
    Observation o = observe("hostile-python.trace");
    assertTrue(o.complete(), o.incomplete());
    assertEquals(0, o.unparsed());
    Finding etc = get(o, "Write below etc", "/etc/owned");
    assertEquals("blocked", etc.result());
    assertEquals("EROFS", etc.errno());
    assertEquals("--read-only", etc.protection());
    assertEquals("ERROR", etc.priority());
    assertEquals("T1098", etc.technique());
    assertTrue(etc.evidence().get(0).contains("openat(AT_FDCWD</work>, \"/etc/owned\""));
    assertEquals("EROFS", get(o, "Modify Shell Configuration File", "/etc/profile").errno());
    assertEquals("ENOENT", get(o, "Adding ssh keys to authorized_keys", "").errno());
    Finding shadow = get(o, "Read sensitive file untrusted", "/etc/shadow");
    assertEquals("EACCES", shadow.errno());
    assertEquals("--user", shadow.protection());
    assertTrue(get(o, "Read credential files", ".aws/credentials").protection().startsWith("not"));
    Finding loopback = get(o, "Outbound connection", "127.0.0.1:9"); // EINPROGRESS, then SO_ERROR
    assertEquals("ECONNREFUSED", loopback.errno());
    assertTrue(loopback.protection().startsWith("--network none"), loopback.protection());
    assertTrue(get(o, "DNS lookup", "collector.example").protection().startsWith("--network"));
    assertEquals("EPERM", get(o, "Non sudo setuid", "setuid(0)").errno());
    Finding userns = get(o, "Change namespace privileges via unshare", "unshare CLONE_NEWUSER");
    assertEquals("blocked", userns.result(), "the sandbox's own profile refuses it, on Podman too");
    assertEquals(Protections.PROFILE, userns.protection());
    assertEquals(6L, o.scratchWrites().get("/tmp/note"));
    assertEquals(List.of("/tmp/note"), o.filesLeft());
    assertTrue(
        o.findings().stream().noneMatch(a -> a.target().startsWith("/usr/lib")),
        "nothing the dynamic loader or Python's start-up does is reported");
  }

  @Test
  void findingsCarryTheirFirstOffsetAndAreInOrder() throws IOException {
    Observation o = observe("hostile-python.trace");
    long previous = -1;
    for (Finding a : o.findings()) {
      assertTrue(a.firstMs() >= previous, o.findings().toString());
      previous = a.firstMs();
    }
    assertTrue(get(o, "Write below etc", "/etc/owned").firstMs() > 0);
  }

  @Test
  void theBusyboxScriptIsSeenAndItsAppletNoiseIsNot() throws IOException {
    Observation o = observe("hostile-busybox.trace");
    assertEquals("--read-only", get(o, "Write below etc", "/etc/owned").protection());
    assertEquals("ECONNREFUSED", get(o, "Outbound connection", "127.0.0.1:9").errno());
    assertEquals("blocked", get(o, "DNS lookup", "collector.example").result());
    assertEquals("blocked", get(o, "Change namespace privileges via unshare", "").result());
    // busybox's setgid(1000)/setuid(1000) for every applet, and mkdir -p's EEXIST, are nothing
    assertTrue(
        o.findings().stream()
            .noneMatch(a -> a.target().startsWith("setuid(1000") || a.target().equals("/home")),
        o.findings().toString());
    assertEquals(5L, o.scratchWrites().get("/tmp/note"));
  }

  @Test
  void forksStoppedByThePidsLimitAreCountedAndThePeakIsTracked() throws IOException {
    Observation o = observe("forks-python.trace");
    Finding fork = get(o, "Process limit reached", "new process");
    assertEquals("EAGAIN", fork.errno());
    assertEquals("--pids-limit", fork.protection());
    assertTrue(fork.count() > 300, "count " + fork.count());
    assertTrue(o.peakProcesses() > 100 && o.peakProcesses() <= 128, "peak " + o.peakProcesses());
  }

  @Test
  void quietScriptsMakeNoFinding() throws IOException {
    for (String quiet : List.of("harmless-python.trace", "unittest-python.trace")) {
      Observation o = observe(quiet);
      assertEquals(List.of(), o.findings().stream().filter(Finding::flagged).toList(), quiet);
      assertTrue(o.complete(), quiet + ": " + o.incomplete());
    }
    assertEquals(6L, observe("harmless-python.trace").scratchWrites().get("/tmp/result.txt"));
  }

  @Test
  void indirectReadsAndWritesAreJudgedOnWhatTheKernelReached() throws IOException {
    TraceAnalysis.Scope scope = new TraceAnalysis.Scope("/workspace", true, p -> null);
    Observation o = observe("indirect-python.trace", scope);
    List<String> shadowReads =
        o.findings().stream()
            .filter(f -> "Read sensitive file untrusted".equals(f.rule()))
            .map(f -> f.target() + " " + f.count())
            .toList();
    // through /tmp/s, /proc/self/root and a directory fd: three reads of one file
    assertTrue(shadowReads.contains("/etc/shadow 3"), shadowReads.toString());
    assertTrue(shadowReads.contains("/etc/gshadow 1"), shadowReads.toString());
    assertEquals(
        "allowed", get(o, "Read environment variable from /proc files", "/proc/").result());
    Finding passwd = get(o, "Write below etc", "/etc/passwd");
    assertEquals("EACCES", passwd.errno());
    assertTrue(passwd.evidence().get(0).contains("\"/tmp/l\""), passwd.evidence().toString());
    assertEquals(
        List.of(
            "/workspace/keys -> /home/lab/.ssh/authorized_keys",
            "/workspace/docs -> /usr/share/doc"),
        o.workspaceLinks());
    assertEquals("allowed", get(o, "Link out of the workspace", "/workspace/docs").result());
    assertEquals(List.of("/tmp/s -> /etc/shadow", "/tmp/l -> /etc/passwd"), o.filesLeft());
  }

  @Test
  void aScriptHuntingForItsTraceFindsNothingAndEveryAttemptShows() throws IOException {
    Observation o = observe("forged-python.trace");
    assertTrue(o.complete(), o.incomplete());
    List<String> reaches =
        o.findings().stream()
            .filter(f -> "Reach for the sandbox's tracer".equals(f.rule()))
            .map(f -> f.target() + " " + f.result())
            .toList();
    assertTrue(reaches.contains("/proc/1/cmdline allowed"), reaches.toString());
    assertTrue(reaches.contains("/proc/1/root/trace/calls blocked"), reaches.toString());
    assertTrue(reaches.contains("kill 1 blocked"), reaches.toString());
    assertEquals(
        "the tracer runs as another user, in a container of its own",
        get(o, "Reach for the sandbox's tracer", "kill 1").protection());
    for (String[] rt :
        new String[][] {
          {"Read sensitive file untrusted", "/etc/shadow"},
          {"Schedule Cron Jobs", "/etc/cron.d/owned"},
          {"Outbound connection", "203.0.113.7:443"},
          {"DNS lookup", "collector.example"},
          {"Non sudo setuid", "setuid(0)"}
        }) {
      assertEquals("blocked", get(o, rt[0], rt[1]).result(), rt[0]);
    }
  }

  @Test
  void programsRunFromMemoryOrSetUpToLeaveTheTraceAreNamed() throws IOException {
    Finding memfd = get(observe("memfd-musl.trace"), "Fileless execution via memfd_create", "");
    assertEquals("allowed", memfd.result());
    assertTrue(memfd.target().contains("/memfd:kworker"), memfd.target());
    assertTrue(memfd.wouldStop().contains("seccomp"), memfd.wouldStop());
    Observation untraced = observe("untraced-musl.trace");
    Finding clone = get(untraced, "Untraced child process", "CLONE_UNTRACED");
    assertEquals("blocked", clone.result());
    assertEquals(Protections.PROFILE, clone.protection());
    assertTrue(untraced.complete(), "refused, so nothing escaped the trace");
  }

  @Test
  void aReverseShellIsFlaggedEvenWhenItsSocketNeverConnected() throws IOException {
    Observation o = observe("reverse-python.trace");
    Finding redirect =
        get(o, "Redirect STDOUT/STDIN to Network Connection in Container", "stdin → 198.51.100.9");
    assertEquals("blocked", redirect.result());
    assertTrue(redirect.protection().contains("never connected"), redirect.protection());
    assertEquals("ENETUNREACH", get(o, "Outbound connection", "198.51.100.9:4444").errno());
  }

  @Test
  void kernelCallsFromAStaticProgramAreEachNamed() throws IOException {
    Observation o = observe("kernel-musl.trace");
    for (String rule :
        List.of(
            "Linux Kernel Module Injection Detected",
            "BPF Program Not Profiled",
            "Kernel keyring access",
            "Unprivileged Delegation of Page Faults Handling to a Userspace Process",
            "Calls through io_uring",
            "Change thread namespace",
            "Privileged kernel call")) {
      Finding f = get(o, rule, "");
      assertEquals("EPERM", f.errno(), rule);
    }
    assertEquals(Protections.PROFILE, get(o, "Kernel keyring access", "").protection());
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
    assertEquals(100L, t.calls().get(1).micros() - t.startMicros(), "the time it started");
    assertFalse(t.rootEnded(), "the trace was cut off before the program's own exit");
    Observation o = TraceAnalysis.analyse(t, SCOPE);
    assertEquals("/etc/x", get(o, "Write below etc", "/etc/x").target());
    assertEquals(2, o.peakProcesses());
    assertFalse(o.complete());
    assertTrue(o.incomplete().contains("ends before the program did"), o.incomplete());
  }

  @Test
  void theBarriersPartIsLeftOutAndWithoutAProgramTheTraceIsEmpty() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 openat(AT_FDCWD</work>, "/proc/8/status", O_RDONLY) = 3</proc/8/status>
            8     1000.000200 clone(child_stack=NULL, flags=SIGCHLD) = 9
            9     1000.000300 execve("/bin/sleep", ["sleep", "0.01"], 0x2 /* 6 vars */) = 0
            9     1000.000400 +++ exited with 0 +++
            8     1000.000500 execve("/usr/bin/python3", ["python3", "/work/x.py"], 0x1 /* 6 vars */) = 0
            8     1000.000600 +++ exited with 0 +++
            """);
    StraceParser.Trace program = t.fromProgram();
    assertEquals(List.of("execve"), program.calls().stream().map(StraceParser.Call::name).toList());
    assertEquals(1000_000500L, program.startMicros());
    assertTrue(program.rootEnded());
    assertTrue(TraceAnalysis.analyse(program, SCOPE).findings().isEmpty());
    assertTrue(StraceParser.parse(t.calls().get(0).toString()).fromProgram().calls().isEmpty());
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
  void aLastLineCutOffByTheTracersEndHappenedButItsResultIsUnknown() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            11    1000.000100 execve("/usr/bin/python3", ["python3", "/work/k.py"], 0x1 /* 1 vars */) = 0
            11    1000.000200 openat(AT_FDCWD</work>, "/etc/x", O_WRONLY|O_CREAT, 0666) = -\
            """);
    assertEquals(0, t.unparsed());
    Finding f = get(TraceAnalysis.analyse(t, SCOPE), "Write below etc", "/etc/x");
    assertEquals("unknown", f.result());
    StraceParser.Trace kill =
        StraceParser.parse(
            """
            11    1000.000100 execve("/usr/bin/python3", ["python3", "/work/k.py"], 0x1 /* 1 vars */) = 0
            11    1000.000200 kill(1, SIGKILL\
            """);
    assertEquals("kill 1", TraceAnalysis.analyse(kill, SCOPE).findings().get(0).target());
  }

  @Test
  void aShiftInTheArgumentsIsNoAnnotation() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 execve("/usr/bin/python3", ["python3"], 0x1 /* 1 vars */) = 0
            8     1000.000200 capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=1<<CAP_SYS_ADMIN, permitted=1<<CAP_SYS_ADMIN, inheritable=0}) = -1 EPERM (Operation not permitted)
            """);
    assertEquals(0, t.unparsed());
    assertEquals("EPERM", get(TraceAnalysis.analyse(t, SCOPE), "Change capabilities", "").errno());
  }

  @Test
  void deletedFilesKeepTheirNameInAnnotations() {
    assertEquals("/memfd:kworker", StraceParser.fdPath("4</memfd:kworker>(deleted)"));
    assertEquals("/tmp/note", StraceParser.fdPath("3</tmp/note>"));
    assertEquals(null, StraceParser.fdPath("3"));
  }

  @Test
  void touchingAFileOutsideScratchIsAWriteAndFutimensIsNoPath() {
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
        o.findings().stream().filter(a -> a.kind().equals("write")).map(Finding::target).toList());
  }

  @Test
  void dnsQueriesAreDecodedFromTheirBytes() {
    String q =
        "\"\\x51\\x1a\\x01\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x09\\x63\\x6f\\x6c\\x6c"
            + "\\x65\\x63\\x74\\x6f\\x72\\x07\\x65\\x78\\x61\\x6d\\x70\\x6c\\x65\\x00\\x00\\x01\\x00"
            + "\\x01\"";
    assertEquals(List.of("collector.example"), DnsMessages.names("3<socket:[1]>, " + q + ", 35"));
    assertEquals(
        null, DnsMessages.question("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void scratchFilesFollowRenamesAndUnlinks() {
    StraceParser.Trace t =
        StraceParser.parse(
            """
            8     1000.000100 execve("/bin/sh", ["sh"], 0x1 /* 1 vars */) = 0
            8     1000.000200 openat(AT_FDCWD</work>, "a", O_WRONLY|O_CREAT, 0666) = 3</work/a>
            8     1000.000300 write(3</work/a>, "xy", 2) = 2
            8     1000.000400 rename("/work/a", "/tmp/b") = 0
            8     1000.000500 openat(AT_FDCWD</work>, "/tmp/c", O_WRONLY|O_CREAT, 0666) = 3</tmp/c>
            8     1000.000600 unlink("/tmp/c") = 0
            8     1000.000700 rename("/tmp/b", "/etc/b") = -1 EROFS (Read-only file system)
            8     1000.000800 +++ exited with 0 +++
            """);
    Observation o = TraceAnalysis.analyse(t, SCOPE);
    assertEquals(List.of("/tmp/b"), o.filesLeft());
    assertEquals(Map.of("/work/a", 2L, "/tmp/c", 0L), o.scratchWrites());
    assertEquals("EROFS", get(o, "Write below etc", "/etc/b").errno());
  }

  @Test
  void theVerdictCountsDistinctTargetsAndNamesWhatGotThrough() throws IOException {
    Observation o =
        observe("indirect-python.trace", new TraceAnalysis.Scope("/workspace", true, null));
    String tried = SandboxVerdict.tried(o.findings());
    assertTrue(tried.startsWith("it tried 1 write outside scratch space, 3 reads"), tried);
    assertTrue(tried.contains("got through: /tmp/s -> /etc/shadow"), tried);
    assertEquals("it tried nothing the sandbox had to stop", SandboxVerdict.tried(List.of()));
  }
}
