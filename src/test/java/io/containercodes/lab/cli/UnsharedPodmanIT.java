package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.containercodes.lab.engine.HostSetups;
import io.containercodes.lab.host.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab on an engine that sees none of this machine's files, as a shared remote engine or a VM
 * without file sharing has it (issue 23): a Podman service in its own mount namespace in which the
 * lab's cache, /tmp and the checkout are empty (scripts/unshared-podman). The lab measures that,
 * copies its own folders in through the engine, and the episode passes; every wrong answer still
 * fails; a learner's own folder is refused with a sentence; nothing is left behind.
 */
@Tag("setups")
class UnsharedPodmanIT {
  static final String NAME = "cclab-unshared-it";
  static final String NOTICE = "This engine does not see this machine's files; the lab copies";
  static String host;

  @BeforeAll
  static void start() {
    assumeTrue(
        "root".equals(System.getProperty("user.name")), "a private mount namespace needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "needs Podman");
    host = HostSetups.unsharedPodman(NAME, hidden());
  }

  @AfterAll
  static void stop() {
    if (host != null) {
      HostSetups.script("unshared-podman", "stop", NAME);
    }
  }

  /** The checkout's top folder, hidden too: a demo's assets are then only a copy away. */
  static String hidden() {
    return "/" + HostSetups.root().getName(0);
  }

  record Run(int status, String out) {}

  static Run cclab(Path dir, String... args) throws IOException, InterruptedException {
    Process p = start(dir, args).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(15, TimeUnit.MINUTES), "cclab " + String.join(" ", args) + " hung");
    return new Run(p.exitValue(), out);
  }

  /** The lab's command line against the engine that sees no host files, not started yet. */
  static ProcessBuilder start(Path dir, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcclab.home=" + HostSetups.root(),
                "-jar",
                Path.of(System.getProperty("cclab.jar", "target/cclab.jar"))
                    .toAbsolutePath()
                    .toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("CCLAB_HOST", host);
    pb.environment().put("CCLAB_OFFLINE", "1");
    pb.environment().put("CCLAB_INSTALL_ENGINE", "0");
    pb.environment().put("CCLAB_HOME", HostSetups.root().toString());
    pb.environment().remove("DOCKER_HOST");
    return pb;
  }

  /**
   * Ctrl-C at any moment of a demo whose canary's folder is copied in (a volume and its holder
   * container, made before the canary): nothing of the copy outlives the lab. A holder made after
   * the clean-up had listed the lab's objects was left behind once; and a probe cut short by the
   * clean-up must not leave a fact behind either.
   */
  @Test
  void ctrlCWhileTheLabCopiesItsFoldersInLeavesNothing(@TempDir Path logs) throws Exception {
    CtrlC.requireDeliverable();
    int runs = CtrlC.runs(10);
    Random random = new Random(23);
    long t0 = System.nanoTime();
    Run whole = cclab(Path.of("/tmp"), "run", "network-isolation");
    assertEquals(0, whole.status(), whole.out());
    int wholeMs = (int) Math.max(1000, (System.nanoTime() - t0) / 1_000_000);
    int signalled = 0;
    int stopped = 0;
    for (int i = 0; i < runs; i++) {
      Path log = logs.resolve("run-" + i + ".log");
      Process p =
          start(Path.of("/tmp"), "run", "network-isolation").redirectOutput(log.toFile()).start();
      Thread.sleep(100 + random.nextInt(wholeMs * 8 / 10));
      if (p.isAlive()) {
        signalled++;
        CtrlC.send(p);
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the lab exits: " + Files.readString(log));
      stopped += p.exitValue() == ExitCode.INTERRUPTED ? 1 : 0;
      assertNothingLeft();
    }
    CtrlC.assertMostStopped(runs, signalled, stopped);
  }

  @Test
  void doctorMeasuresThatTheEngineSeesNoHostFiles() throws Exception {
    Run r = cclab(Path.of("/tmp"), "doctor");
    assertTrue(r.out().contains("• host files   no: a fresh file the lab wrote"), r.out());
    assertTrue(r.out().contains("the lab copies its own folders into the containers"), r.out());
    assertTrue(r.out().contains("The lab can run here."), r.out());
  }

  /** Issue 23.6: every lesson can be shown here (the lab's folders copied in): ready. */
  @Test
  void theRoomCheckIsReady() throws Exception {
    Run r = cclab(Path.of("/tmp"), "doctor", "--smoke");
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ready: ")), r.out());
  }

  /**
   * Issue 23: 6 passed, 15 failed, 2 could not run before the lab copied its folders in. With
   * --prove, every demo's proof and every listed wrong answer of the exercises must still fail
   * there: a copy that let a wrong answer pass would show as a failure here.
   */
  @Test
  void theEpisodePassesWithTheLabsFoldersCopiedInAndEveryWrongAnswerStillFails() throws Exception {
    Run r = cclab(Path.of("/tmp"), "verify", "--prove");
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().contains(NOTICE), r.out());
    assertTrue(r.out().matches("(?s).*\\n\\d+ passed, 0 failed, \\d+ skipped.*"), r.out());
    assertFalse(r.out().contains("could not run"), r.out());
    assertTrue(r.out().contains("the wrong answer fails, as it must"), r.out());
    assertFalse(r.out().contains("does not see this machine's files ("), r.out());
    assertNothingLeft();
  }

  /** A folder of the learner's own stays theirs: refused with a sentence, never copied. */
  @Test
  void aLearnersOwnFolderIsRefusedWithASentence() throws Exception {
    Path project = Files.createTempDirectory(Path.of("/tmp"), "learner-project");
    try {
      Run r =
          cclab(
              project,
              "try",
              "--",
              "podman",
              "run",
              "--rm",
              "-v",
              project + ":/workspace:ro",
              "cclab/busybox",
              "ls",
              "/workspace");
      assertNotEquals(0, r.status(), r.out());
      assertTrue(r.out().contains("does not see this machine's files"), r.out());
      assertFalse(r.out().contains("{\""), "no engine JSON: " + r.out());
    } finally {
      Files.deleteIfExists(project);
    }
  }

  @Test
  void theAuditRunsWithItsKitCopiedIn() throws Exception {
    Run r =
        cclab(
            Path.of("/tmp"),
            "audit",
            "--",
            "podman",
            "run",
            "--rm",
            "--network",
            "none",
            "cclab/busybox",
            "true");
    assertTrue(r.out().contains("✓ held:"), r.out());
    assertTrue(r.out().contains("network-egress"), r.out());
    assertFalse(r.out().contains("could not copy"), r.out());
    assertNothingLeft();
  }

  /**
   * The sandbox runs the script it was given (copied in read-only), and says why it was not
   * watched: its tracer's trace is read while the script runs, which a copy cannot show.
   */
  @Test
  void theSandboxRunsTheScriptAndSaysWhyItWasNotWatched() throws Exception {
    Path script = Files.createTempFile(Path.of("/tmp"), "cclab-unshared-", ".py");
    try {
      Files.writeString(script, "print('from the copy')\n");
      // as a script a user writes is (createTempFile makes it 0600: the copy keeps modes and
      // owners, so the sandbox's user could not read it there, as it could not here)
      Files.setPosixFilePermissions(
          script, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      Run r = cclab(Path.of("/tmp"), "sandbox", "run", script.toString());
      assertEquals(0, r.status(), r.out());
      assertTrue(r.out().contains("│ from the copy"), r.out());
      assertTrue(
          r.out().contains("not observed: the tracer's trace is read while the script runs"),
          r.out());
    } finally {
      Files.deleteIfExists(script);
    }
    assertNothingLeft();
  }

  /**
   * The challenge judges the line with its project copy (a folder of the lab's) copied in: its
   * tests run there, and their report comes back.
   */
  @Test
  void theChallengeRunsTheProjectsTestsInItsCopy() throws Exception {
    Path project = Files.createTempDirectory(Path.of("/tmp"), "cclab-unshared-challenge");
    try {
      Run r =
          cclab(
              project,
              "challenge",
              "--",
              "podman",
              "run",
              "--rm",
              "--cap-drop",
              "ALL",
              "--read-only",
              "--network",
              "none",
              "-v",
              project + ":/workspace",
              "cclab/python");
      // the report the tests wrote in the copy came back: the challenge reads it on this machine
      assertTrue(
          r.out().contains("✓ the project's tests ran and wrote their report in /workspace"),
          r.out());
      assertFalse(r.out().contains("does not see this machine's files ("), r.out());
    } finally {
      FileTrees.deleteQuietly(project);
    }
    assertNothingLeft();
  }

  /** No copy's volume or holder, and no container, outlives the commands that made them. */
  static void assertNothingLeft() throws Exception {
    assertNothingLeftOn(host);
  }

  /** The same on another engine of these tests. */
  static void assertNothingLeftOn(String host) throws Exception {
    String sock = host.substring("unix://".length());
    String volumes =
        curl(
            sock,
            "/v4.0.0/libpod/volumes/json?filters=%7B%22label%22%3A%5B%22io.containercodes.lab.copy%22%5D%7D");
    assertEquals("[]", volumes.strip(), "copies left: " + volumes);
    String containers =
        curl(
            sock,
            "/v4.0.0/libpod/containers/json?all=true&filters=%7B%22label%22%3A%5B%22io.containercodes.lab%22%5D%7D");
    assertEquals("[]", containers.strip(), "containers left: " + containers);
  }

  private static String curl(String sock, String path) throws Exception {
    Process p =
        new ProcessBuilder("curl", "-sf", "--unix-socket", sock, "http://d" + path)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    return out;
  }
}
