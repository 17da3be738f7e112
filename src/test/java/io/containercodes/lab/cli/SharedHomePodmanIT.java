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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lab on an engine that shares only a home-like folder with this machine, as Colima's and
 * Rancher Desktop's VMs do by default (issue 23.6c): a Podman service in its own mount namespace
 * (scripts/unshared-podman) that sees a home folder holding the lab's cache, and not /tmp or the
 * checkout, whose {@code demos/} the episode binds. The fact probe's canary in the cache is seen,
 * so only the lab's per-folder probe tells that the demos are not: they are copied in, and {@code
 * verify} gives the same result as on the lab's own engine. Without that fact (the lab before it)
 * the demos that mount their files failed there.
 */
@Tag("setups")
class SharedHomePodmanIT {
  static final String NAME = "cclab-sharehome-it";
  static final String NOTICE = "This engine does not see some of this machine's folders";
  static String host;
  static Path base;
  static Path home;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(
        "root".equals(System.getProperty("user.name")), "a private mount namespace needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "needs Podman");
    // under /var/tmp, which the service hides: only the home folder is bound back
    base = Files.createTempDirectory(Path.of("/var/tmp"), "cclab-sharehome-");
    home = Files.createDirectories(base.resolve("home"));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    host =
        HostSetups.script(
            Map.of(
                "UNSHARED_PODMAN_HIDE", UnsharedPodmanIT.hidden(),
                "UNSHARED_PODMAN_SHARE", home.toString()),
            "unshared-podman",
            "start",
            NAME);
  }

  @AfterAll
  static void stop() {
    if (host != null) {
      HostSetups.script("unshared-podman", "stop", NAME);
    }
    if (base != null) {
      FileTrees.deleteQuietly(base);
    }
  }

  record Run(int status, String out) {}

  /** The lab's jar against {@code engine}, its cache in the shared home folder. */
  static Run cclab(String engine, Path dir, String... args)
      throws IOException, InterruptedException {
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
    if (engine != null) {
      pb.environment().put("CCLAB_HOST", engine);
    }
    pb.environment().put("CCLAB_CACHE_DIR", home.resolve(".cache/cclab").toString());
    pb.environment().put("CCLAB_OFFLINE", "1");
    pb.environment().put("CCLAB_INSTALL_ENGINE", "0");
    pb.environment().put("CCLAB_HOME", HostSetups.root().toString());
    pb.environment().remove("DOCKER_HOST");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(15, TimeUnit.MINUTES), "cclab " + String.join(" ", args) + " hung");
    return new Run(p.exitValue(), out);
  }

  static Run cclab(Path dir, String... args) throws IOException, InterruptedException {
    return cclab(host, dir, args);
  }

  @Test
  void doctorSaysTheCacheIsSeenAndTheCheckoutsDemosAreCopied() throws Exception {
    Run r = cclab(Path.of("/tmp"), "doctor");
    assertTrue(r.out().contains("✓ host files   the engine sees the lab's files"), r.out());
    String demos = HostSetups.root().resolve("demos").toRealPath().toString();
    assertTrue(
        r.out().contains(demos + ": not seen: copied into the containers through the engine"),
        r.out());
    assertTrue(r.out().contains(home.toRealPath().resolve(".cache/cclab") + ": seen"), r.out());
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
   * Every demo passes or is skipped as on the lab's own engine (which sees every folder): the
   * checkout's demos, which this engine does not see, are copied in; nothing fails for the host's
   * sake.
   */
  @Test
  void verifyGivesTheSameResultAsOnAnEngineThatSeesEveryFolder() throws Exception {
    Run r = cclab(Path.of("/tmp"), "verify");
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().contains(NOTICE), "the demos were copied in: " + r.out());
    assertFalse(r.out().contains("could not run"), r.out());
    assertFalse(r.out().contains("the engine does not see them ("), "no step skipped: " + r.out());
    assertFalse(r.out().contains("does not see this folder"), r.out());
    Run normal = cclab(null, Path.of("/tmp"), "verify");
    assertEquals(0, normal.status(), normal.out());
    assertEquals(summary(normal.out()), summary(r.out()), r.out());
    UnsharedPodmanIT.assertNothingLeftOn(host);
  }

  private static String summary(String out) {
    Matcher m = Pattern.compile("\\n(\\d+ passed, 0 failed, \\d+ skipped)").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  /** A learner's folder the engine does not see is refused with a sentence, never emptied. */
  @Test
  void aLearnersFolderOutsideTheSharedHomeIsRefusedWithASentence() throws Exception {
    Path project = learnersProject(Path.of("/tmp"));
    try {
      Run r = tryLs(project);
      assertNotEquals(0, r.status(), r.out());
      assertTrue(r.out().contains("does not see this folder"), r.out());
      assertFalse(r.out().contains("{\""), "no engine JSON: " + r.out());
    } finally {
      FileTrees.deleteQuietly(project);
    }
  }

  /** One inside the shared home is seen, and mounted as written. */
  @Test
  void aLearnersFolderInTheSharedHomeIsMountedAsWritten() throws Exception {
    Path project = learnersProject(home);
    try {
      Run r = tryLs(project);
      assertEquals(0, r.status(), r.out());
      assertTrue(r.out().contains("notes.txt"), r.out());
      assertFalse(r.out().contains(NOTICE), "seen, so not copied: " + r.out());
    } finally {
      FileTrees.deleteQuietly(project);
    }
    UnsharedPodmanIT.assertNothingLeftOn(host);
  }

  /**
   * The sandbox's script in /tmp, which this engine does not see, is measured by itself and copied
   * in; the sandbox's own folders are in the shared cache.
   */
  @Test
  void theSandboxRunsAScriptFromAnUnsharedFolder() throws Exception {
    Path script = Files.createTempFile(Path.of("/tmp"), "cclab-sharehome-", ".py");
    try {
      Files.writeString(script, "print('from the copy')\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
      Run r = cclab(Path.of("/tmp"), "sandbox", "run", script.toString());
      assertEquals(0, r.status(), r.out());
      assertTrue(r.out().contains("│ from the copy"), r.out());
      assertTrue(r.out().contains(NOTICE), r.out());
    } finally {
      Files.deleteIfExists(script);
    }
    UnsharedPodmanIT.assertNothingLeftOn(host);
  }

  private static Path learnersProject(Path in) throws IOException {
    Path project = Files.createTempDirectory(in, "learner-project");
    Files.setPosixFilePermissions(project, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path notes = Files.writeString(project.resolve("notes.txt"), "mine\n");
    Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-r--r--"));
    return project;
  }

  private static Run tryLs(Path project) throws Exception {
    return cclab(
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
  }
}
