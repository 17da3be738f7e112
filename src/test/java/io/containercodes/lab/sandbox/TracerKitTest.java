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
    // an Alpine host: musl's loader is its libc
    assertEquals(
        List.of("ld-musl-x86_64.so.1"),
        List.copyOf(
                TracerKit.parseLdd(
                        "\t/lib/ld-musl-x86_64.so.1 (0x7f0d4c9d1000)\n"
                            + "\tlibc.musl-x86_64.so.1 => /lib/ld-musl-x86_64.so.1"
                            + " (0x7f0d4c9d1000)\n")
                    .keySet())
            .subList(0, 1));
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
  void theTracersOwnComplaintIsQuoted() {
    assertEquals(
        "PTRACE_TRACEME: Operation not permitted",
        SandboxRunner.tracerError(
            "hello\n/.cclab-tracer/strace: PTRACE_TRACEME: Operation not permitted\n"));
    assertEquals("", SandboxRunner.tracerError("nothing here"));
  }

  @Test
  void theCommandRunsStraceThroughTheLentLoaderAndTracesOnlyWhatTheReportReads() {
    String calls = TracerKit.CALLS;
    for (String c :
        List.of(
            "openat",
            "connect",
            "sendmmsg",
            "execve",
            "clone3",
            "setuid",
            "unshare",
            "write",
            "kill")) {
      assertTrue(List.of(calls.split(",")).contains(c), c);
    }
  }

  @Test
  void theTracerPrintsExactlyTheCallsTheAnalysisReads() {
    java.util.Set<String> traced = new java.util.TreeSet<>();
    for (String c : TracerKit.CALLS.split(",")) {
      traced.add(c.startsWith("?") ? c.substring(1) : c);
    }
    assertEquals(TraceAnalysis.callsRead(), traced);
  }
}
