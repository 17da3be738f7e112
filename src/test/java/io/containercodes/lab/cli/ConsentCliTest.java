package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guardrails and the consent vocabulary as users meet them at the command line, before any
 * engine.
 */
class ConsentCliTest {
  @Test
  void theEnginesRuntimeDirectoryIsRefusedWhateverTheSpelling() {
    for (String mount :
        new String[] {"/run/cclab:/x", "/run/cclab/:/x:ro", "/var/run/../run/podman:/x"}) {
      MainTest.Result r =
          MainTest.run("try", "--", "podman", "run", "--rm", "-v", mount, "cclab/busybox", "true");
      assertEquals(ExitCode.USAGE, r.status(), mount + ": " + r.err());
      assertTrue(r.err().contains("engine's socket"), r.err());
    }
    MainTest.Result m =
        MainTest.run(
            "try",
            "--",
            "podman",
            "run",
            "--mount",
            "type=bind,src=/run/cclab,dst=/x",
            "cclab/busybox");
    assertEquals(ExitCode.USAGE, m.status(), m.err());
  }

  @Test
  void consentIsOneOptionWithOneWordingOnEveryCommandThatRunsALine() {
    java.io.PrintWriter none = new java.io.PrintWriter(java.io.Writer.nullWriter());
    picocli.CommandLine cli =
        new Main(none, none, java.io.InputStream.nullInputStream(), java.util.Map.of())
            .commands(null);
    for (String command : new String[] {"try", "audit", "challenge", "run", "verify"}) {
      String usage = cli.getSubcommands().get(command).getUsageMessage();
      assertTrue(
          usage.contains("--i-understand")
              && usage.contains("Allow what hands a container the host"),
          command + ": " + usage);
    }
  }

  @Test
  void aTimeLimitOfZeroIsAUsageErrorNotAnInstantKill() {
    MainTest.Result r =
        MainTest.run("try", "--timeout", "0", "--", "podman", "run", "cclab/busybox", "true");
    assertEquals(ExitCode.USAGE, r.status(), r.err());
    assertTrue(r.err().contains("at least 1 second"), r.err());
  }

  @Test
  void aLineThatTurnsALimitOffIsToldTheCapStaysBeforeTheEngineIsContacted() {
    // the notice quotes the line's own value (#24.8: it once quoted the -1 the engine is given)
    MainTest.Result r =
        MainTest.run(
            "try",
            "--",
            "podman",
            "run",
            "--memory",
            "0",
            "--pids-limit",
            "0",
            "cclab/busybox",
            "true");
    assertTrue(
        r.err().contains("--memory 0 turns the memory limit off; the lab keeps its cap of 1 GiB"),
        r.err());
    assertTrue(
        r.err()
            .contains("--pids-limit 0 turns the process limit off; the lab keeps its cap of 1024"),
        r.err());
    assertEquals(ExitCode.ENVIRONMENT, r.status(), "then the missing engine: " + r.err());
  }

  @Test
  void aContentDirectoryThatDoesNotExistIsAnErrorNotTheBuiltInEpisode() {
    MainTest.Result r = MainTest.runWith(Map.of("CCLAB_HOME", "/nonexistent/pack"), "lint");
    assertEquals(ExitCode.USAGE, r.status(), r.out() + r.err());
    assertTrue(
        r.err().contains("CCLAB_HOME=/nonexistent/pack holds no lessons/ and demos/"), r.err());
  }

  @Test
  void lintRefusesContentThatNeedsConsentAndReportsEveryProblem() {
    String pack = Path.of("src/test/resources/lint-fixtures").toAbsolutePath().toString();
    MainTest.Result r = MainTest.runWith(Map.of("CCLAB_HOME", pack), "lint");
    assertEquals(ExitCode.FAILED, r.status(), r.out() + r.err());
    String all = r.out() + r.err();
    assertTrue(all.contains("helper setup's line needs the learner's consent: --privileged"), all);
    assertTrue(all.contains("many-errors/demo.yaml:9"), "the ninth line's problem too: " + all);
  }

  @Test
  void theSandboxNeverRunsWithoutItsLimits(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path script = java.nio.file.Files.writeString(dir.resolve("x.sh"), "true\n");
    for (String[] bad :
        new String[][] {
          {"--memory", "0"}, {"--pids", "0"}, {"--pids", "-1"}, {"--timeout", "0"}, {"--cpus", "0"}
        }) {
      MainTest.Result r = MainTest.run("sandbox", "run", bad[0], bad[1], script.toString());
      assertEquals(ExitCode.USAGE, r.status(), String.join(" ", bad) + ": " + r.err());
      assertTrue(r.err().contains(bad[0]), r.err());
    }
  }
}
