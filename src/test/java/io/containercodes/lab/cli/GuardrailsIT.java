package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.engine.TestRuns;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one guardrail on the real engine, through every door a line comes in by: try, the REPL's
 * exercise prompt, a lesson pack's steps and helpers, the sandbox, and the engine itself for any
 * caller that forgets to ask (#12.1–5).
 */
@Tag("engine")
class GuardrailsIT {
  @TempDir Path dir;

  private static MainTest.Result lab(Map<String, String> extra, String... args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(extra);
    return MainTest.runWith(env, args);
  }

  /**
   * This process's lab containers: the commands run in-process, and the engine is shared with other
   * lab runs, whose containers come and go while a test runs.
   */
  private static Set<String> labContainers() {
    return Set.copyOf(TestEngine.get().labContainersOfThisProcess());
  }

  @Test
  void theExercisePromptHoldsTheLearnersLineToTheRulesOfTry() throws Exception {
    Set<String> before = labContainers();
    Episode episode =
        new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);
    String hostile =
        "podman run --rm -v /:/host --privileged --network none --read-only --tmpfs /tmp"
            + " cclab/python sh -c \"ls /host; grep CapEff /proc/self/status\"";
    String text =
        io.containercodes.lab.repl.ReplSession.in(dir)
            .episode(episode)
            .engine(TestEngine::get)
            .env("CCLAB_OFFLINE", "1")
            .run("goto ai-code-exercise\nrun ai-code-exercise\n" + hostile + "\nquit\n");
    assertTrue(text.contains("The lab will not run this line as it is"), text);
    assertTrue(
        text.contains("--privileged gives the container") && text.contains("whole filesystem"),
        text);
    assertTrue(text.contains("start your line with --i-understand"), text);
    assertFalse(text.contains("CapEff"), "nothing ran: " + text);
    assertEquals(before, labContainers());
  }

  @Test
  void aLessonPacksHelperThatWouldWriteToTheHostIsRefusedAndNothingRuns() throws Exception {
    Path pack = dir.resolve("pack");
    Path demo = Files.createDirectories(pack.resolve("demos/friendly"));
    Path owned = dir.resolve("owned-by-helper");
    Files.writeString(
        demo.resolve("demo.yaml"),
        """
        id: friendly
        title: A friendly demo
        proves: Nothing good.
        helpers:
          - name: setup
            run: podman run --privileged -v /:/host cclab/busybox touch /host%s
        run: podman run --rm --network none cclab/busybox echo hi
        expect:
          - stdout-contains: hi
        """
            .formatted(owned));
    placeInALesson(pack, "friendly");
    Set<String> before = labContainers();

    MainTest.Result lint = lab(Map.of("CCLAB_HOME", pack.toString()), "lint");
    assertEquals(ExitCode.FAILED, lint.status(), lint.out());
    assertTrue(lint.out().contains("helper setup's line needs the learner's consent"), lint.out());

    MainTest.Result run = lab(Map.of("CCLAB_HOME", pack.toString()), "run", "friendly");
    assertEquals(ExitCode.USAGE, run.status(), run.out() + run.err());
    assertTrue(
        run.err().contains("the line of its helper setup") && run.err().contains("--privileged"),
        run.err());
    assertTrue(run.err().contains("A lesson pack is code from someone else"), run.err());

    MainTest.Result verify = lab(Map.of("CCLAB_HOME", pack.toString()), "verify", "000-pack");
    assertEquals(ExitCode.FAILED, verify.status(), verify.out() + verify.err());
    assertTrue(verify.out().contains("could not run: The lab will not run"), verify.out());

    assertFalse(Files.exists(owned), "the helper never ran");
    assertEquals(before, labContainers());
  }

  @Test
  void aDemosStepJoinsItsOwnHelperByNameWithoutConsent() throws Exception {
    Path pack = dir.resolve("join-pack");
    Path demo = Files.createDirectories(pack.resolve("demos/joined"));
    Files.writeString(
        demo.resolve("demo.yaml"),
        """
        id: joined
        title: A step in its helper's network namespace
        proves: A container of the same lab run may be joined.
        helpers:
          - name: server
            run: >-
              podman run --network none cclab/busybox
              sh -c 'mkdir /w && echo joined-ok > /w/x && httpd -f -p 8080 -h /w'
        run: >-
          podman run --rm --network container:server cclab/busybox
          wget -q -O- http://127.0.0.1:8080/x
        expect:
          - stdout-contains: joined-ok
        """);
    placeInALesson(pack, "joined");
    Set<String> before = labContainers();
    MainTest.Result run = lab(Map.of("CCLAB_HOME", pack.toString()), "run", "joined");
    assertEquals(ExitCode.OK, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("joined-ok"), run.out());
    assertEquals(before, labContainers(), "the helper and the step are gone");
  }

  @Test
  void verifyShowsAFailedChecksQuoteOfContainerOutputEscaped() throws Exception {
    Path pack = dir.resolve("loud-pack");
    Path demo = Files.createDirectories(pack.resolve("demos/loud"));
    Files.writeString(
        demo.resolve("demo.yaml"),
        """
        id: loud
        title: A loud demo
        proves: Nothing.
        run: podman run --rm --network none cclab/busybox printf '\\033]0;pwned\\007\\033[2Jtail'
        expect:
          - stdout-contains: something it never prints
        """);
    placeInALesson(pack, "loud");
    MainTest.Result r = lab(Map.of("CCLAB_HOME", pack.toString()), "verify", "000-pack");
    assertEquals(ExitCode.FAILED, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("\\e]0;pwned\\a\\e[2Jtail"), r.out());
    assertFalse(
        (r.out() + r.err()).contains("\u001b"), "no raw escape reaches the terminal: " + r.out());
  }

  @Test
  void theEngineRefusesASpecThatHandsOverTheHostWhoeverBuiltIt() {
    Engine engine = TestEngine.get();
    Set<String> before = labContainers();
    RunSpec spec =
        RunSpec.builder(TestEngine.busybox())
            .command("true")
            .bind(new RunSpec.BindMount("/run", "/x", true, java.util.List.of()))
            .build();
    InvalidInput e =
        assertThrows(
            InvalidInput.class, () -> engine.run(TestRuns.admitted(spec), OutputListener.IGNORE));
    assertTrue(e.getMessage().contains("engine's socket"), e.getMessage());
    assertThrows(InvalidInput.class, () -> engine.startHelper(TestRuns.admitted(spec)));
    assertEquals(before, labContainers());
  }

  @Test
  void joiningAContainerThatSharesTheHostsPidsIsRefusedAtEveryDoorNamingWhatItShares()
      throws Exception {
    Engine engine = TestEngine.get();
    try (io.containercodes.lab.engine.Helper host =
        engine.startHelper(
            TestRuns.admitted(
                RunSpec.builder(TestEngine.busybox())
                    .command("sleep", "120")
                    .pidMode("host")
                    .consent(true)
                    .build()))) {
      String join = "container:" + host.id();
      // the engine's own gate: every door that reaches it (exercise prompt, a pack's steps and
      // helpers) hears what the target shares
      InvalidInput e =
          assertThrows(
              InvalidInput.class,
              () ->
                  engine.run(
                      TestRuns.admitted(
                          RunSpec.builder(TestEngine.busybox())
                              .command("ps")
                              .pidMode(join)
                              .build()),
                      OutputListener.IGNORE));
      assertTrue(e.getMessage().contains("which shares with the host: --pid=host"), e.getMessage());
      for (String[] args :
          List.of(new String[] {"try", "--"}, new String[] {"audit", "--live", "--"})) {
        List<String> line = new java.util.ArrayList<>(List.of(args));
        line.addAll(List.of("podman", "run", "--rm", "--pid", join, "cclab/busybox", "ps"));
        MainTest.Result r = lab(Map.of(), line.toArray(String[]::new));
        assertEquals(ExitCode.USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("joins the process (pid) namespace"), r.err());
        assertFalse(r.out().contains("PID"), "nothing ran: " + r.out());
      }
    }
  }

  @Test
  void aProfileThatAllowsEverythingAndTheHostsLoopbackNeedConsentAtTry() throws Exception {
    Path allowAll =
        Files.writeString(dir.resolve("allow-all.json"), "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}");
    MainTest.Result seccomp =
        lab(
            Map.of(),
            "try",
            "--",
            "podman",
            "run",
            "--rm",
            "--security-opt",
            "seccomp=" + allowAll,
            "cclab/busybox",
            "true");
    assertEquals(ExitCode.USAGE, seccomp.status(), seccomp.err());
    assertTrue(seccomp.err().contains("lets through every call it does not name"), seccomp.err());
    assertTrue(seccomp.err().contains("io_uring_setup"), seccomp.err());
    MainTest.Result loopback =
        lab(
            Map.of(),
            "try",
            "--",
            "podman",
            "run",
            "--rm",
            "--network",
            "slirp4netns:allow_host_loopback=true",
            "cclab/busybox",
            "true");
    assertEquals(ExitCode.USAGE, loopback.status(), loopback.err());
    assertTrue(loopback.err().contains("host's loopback"), loopback.err());
  }

  @Test
  void theSandboxWorkspaceCannotBeTheEnginesDirectory() throws Exception {
    Path script = Files.writeString(dir.resolve("hello.sh"), "echo hello\n");
    MainTest.Result r =
        lab(Map.of(), "sandbox", "run", "--workspace", "/run/cclab", script.toString());
    assertEquals(ExitCode.USAGE, r.status(), r.out() + r.err());
    assertTrue(r.err().contains("engine's socket"), r.err());
    assertTrue(r.err().contains("The sandbox will not mount this workspace"), r.err());
  }

  @Test
  void aSandboxedScriptCannotRetitleOrClearTheTerminal() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("loud.sh"),
            "printf '\\033]0;pwned\\007\\033[2J\\033]52;c;cHduZWQ=\\007done\\n'\n");
    MainTest.Result r = lab(Map.of(), "sandbox", "run", "--no-trace", script.toString());
    assertTrue(r.out().contains("\\e]0;pwned\\a\\e[2J\\e]52;c;cHduZWQ=\\adone"), r.out() + r.err());
    assertFalse((r.out() + r.err()).contains("\u001b]"), "no raw escape reaches the terminal");
  }

  @Test
  void escapeSequencesFromAContainerAreShownNotObeyed() {
    MainTest.Result r =
        lab(
            Map.of(),
            "try",
            "--",
            "podman",
            "run",
            "--rm",
            "--network",
            "none",
            "cclab/busybox",
            "printf",
            "\\033]0;pwned\\007\\033[2Jvisible\\n");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("\\e]0;pwned\\a\\e[2Jvisible"), r.out());
    assertFalse(r.out().contains("\u001b"), "no raw ESC reaches the terminal: " + r.out());
  }

  @Test
  void theLabsCapStaysWhenALineTurnsTheMemoryLimitOff() {
    MainTest.Result r =
        lab(
            Map.of(),
            "try",
            "--",
            "podman",
            "run",
            "--rm",
            "--network",
            "none",
            "--memory",
            "0",
            "cclab/busybox",
            "cat",
            "/sys/fs/cgroup/memory/memory.limit_in_bytes",
            "/sys/fs/cgroup/memory.max");
    assertTrue(r.err().contains("the lab keeps its cap of 1 GiB"), r.err());
    assertTrue(r.out().contains("1073741824"), "the cgroup says 1 GiB: " + r.out() + r.err());
  }

  /** The pack's one lesson, placing {@code demoId}: a demo no lesson places is an orphan. */
  private static void placeInALesson(Path pack, String demoId) throws IOException {
    Files.createDirectories(pack.resolve("lessons/000-pack"));
    Files.writeString(
        pack.resolve("lessons/000-pack/01-start.md"),
        "---\ntitle: Start\nsection: \"1\"\nminutes: 1\n---\n\n```demo " + demoId + "\n```\n");
  }
}
