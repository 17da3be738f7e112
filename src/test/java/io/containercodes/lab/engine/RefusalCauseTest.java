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

  /**
   * #31: Podman 5.4.2 without the nftables package (a minimal Debian 13) answers every run on a
   * network with this; "no such file or directory" is about the engine's nft, not the line.
   */
  @Test
  void anEngineSideFailureIsNotBlamedOnTheLine() {
    String message =
        "netavark: nftables error: unable to execute nft: No such file or directory (os error 2)";
    String fix = RefusalCause.fixFor(message);
    assertTrue(fix.contains("nftables") && fix.contains("not wrong"), fix);
    assertTrue(!fix.contains("A path in the line"), fix);
    // a netavark failure the lab has no words for is still the engine's
    assertTrue(
        RefusalCause.fixFor("netavark: code: 1, msg: iptables: No chain/target/match by that name")
            .contains("not wrong"));
  }

  @Test
  void aMissingPathInTheLineIsStillTheLines() {
    String message =
        "error while creating mount source path '/nope': mkdir /nope: no such file or directory";
    assertTrue(RefusalCause.fixFor(message).startsWith("A path in the line does not exist"));
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
