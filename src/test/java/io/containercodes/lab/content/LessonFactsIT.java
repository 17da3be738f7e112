package io.containercodes.lab.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineKind;
import io.containercodes.lab.engine.LabNetwork;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.engine.TestRuns;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lessons' engine- and version-specific facts, measured on the engine at hand (#26). Each fact
 * names the versions it holds for, as the lesson does; on an engine version nobody has measured yet
 * the test is skipped with that reason rather than guessed, so a new engine in CI shows which
 * sentence to check. LessonFactsTest keeps the sentences; this keeps them true.
 */
@Tag("engine")
class LessonFactsIT {
  private static Engine engine;
  private static String busybox;

  @BeforeAll
  static void engine() {
    engine = TestEngine.get();
    busybox = TestEngine.busybox();
  }

  private static boolean podman() {
    return engine.kind() == EngineKind.PODMAN;
  }

  /** The engine's major.minor as one comparable number: 4.3 is 403, 20.10 is 2010. */
  private static int version() {
    String[] p = engine.facts().version().split("[.+~-]");
    return Integer.parseInt(p[0]) * 100 + Integer.parseInt(p[1]);
  }

  private static Outcome sh(RunSpec.Builder spec) {
    return engine.run(
        TestRuns.admitted(spec.timeout(Duration.ofSeconds(30)).build()), OutputListener.IGNORE);
  }

  private static RunSpec.Builder sh(String script) {
    return RunSpec.builder(busybox).command("sh", "-c", script);
  }

  /**
   * Lesson 05: on an --internal network Podman gives the container no default route; Docker 20.10
   * to 24 gives it one (and drops what would leave), Docker 25 and later none (moby cbc2a71c27).
   */
  @Test
  void anInternalNetworksDefaultRouteDependsOnTheEngineAndItsVersion() {
    try (LabNetwork net = engine.createNetwork("cclab-facts-" + UUID.randomUUID(), true)) {
      Outcome o = sh(sh("cat /proc/net/route").network(net.name()));
      assertEquals(0, o.exitCode(), o.stderr().text());
      boolean defaultRoute =
          o.stdout().text().lines().skip(1).anyMatch(l -> l.split("\\s+")[1].equals("00000000"));
      boolean expected = !podman() && version() < 2500;
      assertEquals(
          expected,
          defaultRoute,
          engine.kind().displayName()
              + " "
              + engine.facts().version()
              + ": the lesson says "
              + (expected ? "a default route" : "no default route")
              + "\n"
              + o.stdout().text());
    }
  }

  /**
   * Lesson 03/06: with --read-only --read-only-tmpfs=false, /dev, /dev/shm and /dev/mqueue stay
   * writable through the Docker-compatible API the lab talks to — measured on Podman 4.3 and 5.4
   * and on Docker (which has no such flag) 20.10 and 26.1. `podman run` itself makes /dev and
   * /dev/shm read-only from 4.7 on (podman#19422); the compat API does not, and the lab emulates
   * the flag for /run, /tmp and /var/tmp only.
   */
  @Test
  void readOnlyTmpfsFalseLeavesDevWritableWhereTheLessonSays() {
    Outcome o =
        sh(
            sh("for d in /dev /dev/shm /dev/mqueue /run /tmp /var/tmp; do touch $d/x 2>/dev/null"
                    + " && echo \"$d writable\" || echo \"$d read-only\"; done")
                .readOnlyRoot(true)
                .readOnlyTmpfs(false));
    String out = o.stdout().text();
    for (String d : new String[] {"/dev", "/dev/shm", "/dev/mqueue"}) {
      assertTrue(out.contains(d + " writable"), engineName() + "\n" + out);
    }
    for (String d : new String[] {"/run", "/tmp", "/var/tmp"}) {
      assertTrue(out.contains(d + " read-only"), engineName() + "\n" + out);
    }
  }

  /**
   * Lesson 10: through the Docker-compatible API, Podman 4.3 gave a container Docker's 14
   * capabilities (its compat path ignored containers.conf's default_capabilities), Podman 5.4 its
   * own 11 (containers/common#1240 made them the built-in default); Docker gives 14.
   */
  @Test
  void theDefaultCapabilitiesThroughTheCompatApiAreTheLessons() {
    assumeTrue(
        !podman() || version() == 403 || version() >= 504,
        engineName() + ": not measured between Podman 4.3 and 5.4; measure it and say so");
    Outcome o = sh(sh("grep CapBnd /proc/self/status"));
    String bnd = o.stdout().text().replaceAll("(?s).*CapBnd:\\s*(\\S+).*", "$1");
    int count = Long.bitCount(Long.parseLong(bnd, 16));
    assertEquals(podman() && version() >= 504 ? 11 : 14, count, engineName() + ": CapBnd " + bnd);
  }

  /**
   * Lesson 12 and docs/audit.md: Podman 4.3 mounts a container's /dev noexec (its
   * opencontainers/runtime-tools carried runtime-tools#725); Docker never did, and Podman 5.4 no
   * longer does (runtime-tools#760 reverted it), so root can run a program dropped there.
   */
  @Test
  void devIsNoexecOnPodman43Only() {
    assumeTrue(
        !podman() || version() == 403 || version() >= 504,
        engineName() + ": not measured between Podman 4.3 and 5.4; measure it and say so");
    Outcome o = sh(sh("grep ' /dev ' /proc/self/mountinfo"));
    boolean noexec = o.stdout().text().split(" - ")[0].contains("noexec");
    assertEquals(podman() && version() < 500, noexec, engineName() + "\n" + o.stdout().text());
  }

  /**
   * Lesson 10: an OOM kill is an {@code oom} event in the Docker-compatible event stream on Docker
   * (20.10, 26.1); Podman (4.3, 5.4) reports none, only the death with 137.
   */
  @Test
  void anOomKillIsAnEventOnDockerOnly() {
    assumeTrue(
        io.containercodes.lab.engine.LimitSupport.of(engine.facts()).limits().acts(),
        "limits do not act on this engine");
    Outcome o =
        sh(
            sh("tail /dev/zero")
                .memoryBytes(64L << 20)
                .memorySwapBytes(64L << 20)
                .captureEvents(true));
    assertEquals(137, o.exitCode(), engineName() + " " + o.events());
    assertTrue(o.events().contains("die (exit 137)"), engineName() + " " + o.events());
    assertEquals(!podman(), o.events().contains("oom"), engineName() + " " + o.events());
  }

  private static String engineName() {
    return engine.kind().displayName() + " " + engine.facts().version();
  }

  /**
   * Lesson 12 and docs/audit.md: Podman's containers.conf sets pids_limit = 2048 by default (it
   * acts where Podman can use cgroups: rootful, or rootless on cgroup v2); Docker sets none.
   */
  @Test
  void theDefaultProcessLimitIsPodmansContainersConf() {
    var info = engine.facts();
    assumeTrue(
        !(podman() && info.rootless().isYes() && "1".equals(info.cgroupVersion())),
        "rootless Podman on cgroup v1 applies no limit at all");
    Outcome o =
        sh(sh("cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max"));
    assertEquals(podman() ? "2048" : "max", o.stdout().text().strip(), o.stderr().text());
  }
}
