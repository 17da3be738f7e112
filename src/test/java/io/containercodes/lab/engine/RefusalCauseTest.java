package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RefusalCauseTest {
  @Test
  void privilegedOnAHostWithAReducedBoundingSetSaysSo() {
    // Docker 20.10's message for --privileged on this CI host (its bounding set lacks SYS_RESOURCE)
    String fix =
        RefusalCause.fixFor(
            "OCI runtime create failed: container_linux.go:380: starting container process caused:"
                + " unable to apply caps: operation not permitted: unknown");
    assertTrue(fix.contains("bounding set") && fix.contains("--privileged"), fix);
  }

  @Test
  void ulimitsAboveTheHostsHardLimitAreNamed() {
    assertTrue(
        RefusalCause.fixFor("error setting rlimits for ready process: error setting rlimit type 7")
            .contains("ulimit"));
  }

  @Test
  void anUnknownRefusalKeepsTheGeneralAdvice() {
    assertEquals("Check the flags and paths in the line.", RefusalCause.fixFor("something new"));
  }

  @Test
  void aStartThatFailsUnderAVeryLowPidsLimitNamesTheLimit() {
    // Podman 4.3's message when runc could not start a container under --pids-limit 5 (CI, here)
    String message = "`/usr/bin/runc start 638358dcaaeb` failed: exit status 1";
    RunSpec low = RunSpec.builder("cclab/busybox").pidsLimit(5L).build();
    assertTrue(RefusalCause.fixFor(message, low).startsWith("--pids-limit 5 may leave"));
    RunSpec enough = RunSpec.builder("cclab/busybox").pidsLimit(64L).build();
    assertEquals("Check the flags and paths in the line.", RefusalCause.fixFor(message, enough));
  }
}
