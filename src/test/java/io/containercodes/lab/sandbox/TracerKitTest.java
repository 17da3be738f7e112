package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracerKitTest {
  @Test
  void lddOutputGivesTheLibrariesAndTheLoader() {
    String ldd =
        """
        \tlinux-vdso.so.1 (0x00007fac893e5000)
        \tlibunwind-ptrace.so.0 => /lib/x86_64-linux-gnu/libunwind-ptrace.so.0 (0x00007fac893ce000)
        \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fac88e1e000)
        \t/lib64/ld-linux-x86-64.so.2 (0x00007fac893e7000)
        """;
    Map<String, Path> libs = TracerKit.parseLdd(ldd);
    assertEquals(
        List.of("libunwind-ptrace.so.0", "libc.so.6", "ld-linux-x86-64.so.2"),
        List.copyOf(libs.keySet()));
    assertEquals(Path.of("/lib64/ld-linux-x86-64.so.2"), libs.get("ld-linux-x86-64.so.2"));
    assertEquals(Map.of(), TracerKit.parseLdd("\tnot a dynamic executable\n"));
  }

  @Test
  void withoutStraceAndWithoutLeaveToInstallTheReasonSaysHowToInstallIt() {
    HostFacts debian =
        new HostFacts(
            HostFacts.CgroupLayout.V2, true, 1024, 1024, true, "debian", List.of(), "Debian");
    Map<String, String> env = Map.of("PATH", "/nonexistent");
    String why = TracerKit.unavailableReason(env, new PackageInstaller(debian, env, m -> {}));
    assertTrue(
        why.startsWith("the host has no strace (install strace: apt-get install -y strace"), why);
  }

  @Test
  void theComplaintsOfStraceAndOfTheSidecarsSearchAreQuoted() {
    assertEquals(
        "attach: ptrace(PTRACE_SEIZE, 7): Operation not permitted",
        SandboxRunner.tracerError(
            "hello\n/kit/strace: attach: ptrace(PTRACE_SEIZE, 7): Operation not permitted\n"));
    assertEquals(
        "the script never appeared",
        SandboxRunner.tracerError("cclab: the script never appeared\n"));
    assertEquals("", SandboxRunner.tracerError("nothing here"));
  }

  @Test
  void theTracerPrintsExactlyTheCallsTheAnalysisReads() {
    java.util.Set<String> traced = new java.util.TreeSet<>();
    for (String c : TracerKit.CALLS.split(",")) {
      traced.add(c.startsWith("?") ? c.substring(1) : c);
    }
    assertEquals(TraceAnalysis.callsRead(), traced);
    for (String c : List.of("openat", "socket", "dup2", "execveat", "clone", "ptrace", "keyctl")) {
      assertTrue(traced.contains(c), c);
    }
  }

  @Test
  void theSidecarRunsStraceAttachedToWhatItsSearchFinds() {
    List<String> c = TracerSidecar.command("abc", List.of("/kit/strace", "-f"));
    assertEquals(
        List.of("sh", "-c", TracerSidecar.FIND_AND_TRACE, "cclab-tracer", "abc"), c.subList(0, 5));
    assertTrue(TracerSidecar.FIND_AND_TRACE.endsWith("\"$@\" -p \"$p\"\n"));
    // the pattern cannot match the search's own text or grep's arguments
    assertTrue(TracerSidecar.FIND_AND_TRACE.contains("cclab-barrie[r]-$n"));
  }
}
