package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code cclab sandbox selftest}, the detector's regression suite, on Podman and on Docker Engine:
 * every sample that should fire produces its findings, every quiet one none, and none is skipped
 * (the C samples need musl-gcc, which the lab installs where it may).
 */
@Tag("engine")
class SelftestIT {
  private static final String DOCKERD = "cclab-selftest";

  private static void passes(Map<String, String> env, String engine) {
    MainTest.Result r = MainTest.runWith(env, "sandbox", "selftest");
    System.out.println(r.out());
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().startsWith("sandbox selftest on " + engine), r.out());
    assertTrue(r.out().contains(" samples: 0 misses, 0 false findings, 0 skipped"), r.out());
  }

  @Test
  void everySampleFiresOrStaysQuietOnPodman() {
    // the engine group runs again with CCLAB_HOST on Docker Engine (.ci/run): the method below
    // covers Docker there, and this one is about the default engine, Podman
    assumeTrue(System.getenv("CCLAB_HOST") == null, "CCLAB_HOST chooses another engine");
    passes(System.getenv(), "Podman");
  }

  @Test
  void everySampleFiresOrStaysQuietOnDockerEngine() throws Exception {
    Path script = Path.of(System.getProperty("cclab.root", "."), "scripts", "private-dockerd");
    assumeTrue(
        "root".equals(System.getProperty("user.name")) && Files.isExecutable(script),
        "a private Docker Engine needs root and scripts/private-dockerd");
    String host = dockerd(script, "start");
    try {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put("CCLAB_HOST", host);
      passes(env, "Docker");
    } finally {
      dockerd(script, "stop");
    }
  }

  private static String dockerd(Path script, String action) throws Exception {
    Process p =
        new ProcessBuilder(script.toString(), action, DOCKERD).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, action + ": " + out);
    return out.lines().reduce((a, b) -> b).orElse("");
  }

  @Test
  void aSampleTheCorpusDoesNotHaveIsAUsageError() {
    MainTest.Result r =
        MainTest.runWith(System.getenv(), "sandbox", "selftest", "--only", "no_such.py");
    assertEquals(ExitCode.USAGE, r.status(), r.err());
    assertTrue(r.err().contains("--only no_such.py: the corpus has no such sample."), r.err());
  }
}
