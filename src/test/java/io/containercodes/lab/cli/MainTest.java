package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Commands that never reach an engine, run in-process with captured output. */
class MainTest {
  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    return runWith(Map.of("CCLAB_HOST", "unix:///nonexistent/engine.sock"), args);
  }

  /** In-process, with this environment: the integration tests pass the real one. */
  static Result runWith(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                env)
            .run(args);
    return new Result(status, out.toString(), err.toString());
  }

  @Test
  void onlyTheCommandTheArgumentsNameIsBuilt() {
    assertEquals(
        "try",
        Main.commandNamedBy(
            new String[] {"--host", "unix:///x.sock", "try", "--", "podman", "run"}));
    assertEquals(
        "verify", Main.commandNamedBy(new String[] {"--episode=000-container-defense", "verify"}));
    org.junit.jupiter.api.Assertions.assertNull(
        Main.commandNamedBy(new String[] {"--help", "try"}));
    org.junit.jupiter.api.Assertions.assertNull(Main.commandNamedBy(new String[] {"help", "try"}));
    org.junit.jupiter.api.Assertions.assertNull(Main.commandNamedBy(new String[] {"tr"}));
    org.junit.jupiter.api.Assertions.assertNull(Main.commandNamedBy(new String[] {}));
    // and what runs is the same: a command's usage, and an unknown one's suggestions
    assertTrue(run("try", "--help").out().contains("Usage: cclab try"));
    assertTrue(run("tr").err().contains("Did you mean: cclab try?"));
  }

  @Test
  void versionAndHelp() {
    Result v = run("--version");
    assertEquals(ExitCode.OK, v.status());
    assertTrue(v.out().startsWith("cclab "), v.out());
    assertEquals(2, v.out().lines().count(), "no engine line without --verbose: " + v.out());
    assertTrue(!v.out().contains("engine"), v.out());
    Result verbose = run("--version", "--verbose");
    assertEquals(ExitCode.OK, verbose.status(), verbose.err());
    assertTrue(
        verbose
            .out()
            .contains(
                "engine: none: unix:///nonexistent/engine.sock (--host / CCLAB_HOST) does not"
                    + " answer"),
        verbose.out());
    Result h = run("--help");
    assertEquals(ExitCode.OK, h.status());
    for (String command : new String[] {"try", "doctor", "clean", "images"}) {
      assertTrue(h.out().contains(command), command + " in " + h.out());
    }
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Result r = run("fly");
    assertEquals(ExitCode.USAGE, r.status());
    assertTrue(r.err().contains("fly"), r.err());
  }

  @Test
  void anUnknownRunFlagIsNamedBeforeAnyEngineIsContacted() {
    Result r = run("try", "--", "podman", "run", "--frobnicate", "cclab/busybox");
    assertEquals(ExitCode.USAGE, r.status());
    assertTrue(r.err().contains("Unknown flag --frobnicate"), r.err());
  }

  @Test
  void aWholeLineInOneArgumentIsSplitWithoutAShell() {
    Result r = run("try", "podman run --rm --memory 64m cclab/busybox echo $(id)");
    assertEquals(ExitCode.USAGE, r.status());
    assertTrue(r.err().contains("$(id)"), r.err());
  }

  @Test
  void aLineThatHandsOverTheHostIsRefusedWithReasons() {
    Result r =
        run(
            "try",
            "--",
            "podman",
            "run",
            "--privileged",
            "-v",
            "/var/run/docker.sock:/s",
            "cclab/busybox");
    assertEquals(ExitCode.USAGE, r.status());
    assertTrue(r.err().contains("--privileged gives the container"), r.err());
    assertTrue(r.err().contains("engine's socket"), r.err());
    assertTrue(r.err().contains("--i-understand"), r.err());
  }

  @Test
  void anEngineThatDoesNotAnswerIsAnEnvironmentProblemNamingTheAddress() {
    Result r = run("clean");
    assertEquals(ExitCode.ENVIRONMENT, r.status());
    assertTrue(
        r.err()
            .contains("(unix:///nonexistent/engine.sock), and it does not answer: no socket there"),
        r.err());
    assertTrue(r.err().contains("fix:"), r.err());
  }

  @Test
  void doctorExplainsAMissingEngineAndExitsThree() {
    Result r = run("doctor");
    assertEquals(ExitCode.ENVIRONMENT, r.status());
    assertTrue(r.out().contains("✗ engine"), r.out());
    assertTrue(r.out().contains("fix:"), r.out());
  }

  @Test
  void theRoomCheckWithoutAnEngineSaysNotReadyWithTheFixOnOneLine() throws Exception {
    Result r = run("doctor", "--smoke");
    assertEquals(ExitCode.ENVIRONMENT, r.status());
    String last = r.out().lines().reduce((a, b) -> b).orElse("");
    assertTrue(
        last.startsWith("NOT READY: no container engine: ") && last.contains(" — fix: "), last);
    Result json = run("doctor", "--smoke", "--json");
    assertEquals(ExitCode.ENVIRONMENT, json.status());
    var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
    assertEquals("cclab-smoke", n.get("format").asText());
    assertTrue(
        !n.get("ready").asBoolean() && n.get("problem").asText().startsWith("no container engine"),
        n.toString());
    assertTrue(n.get("engine").isNull() && n.get("demos").isEmpty(), n.toString());
    Result noSmoke = run("doctor", "--json");
    assertEquals(ExitCode.USAGE, noSmoke.status());
    assertTrue(noSmoke.err().contains("use it with --smoke"), noSmoke.err());
  }
}
