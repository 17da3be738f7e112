package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in a real terminal: tmux runs ./cclab, the test types into it and reads the screen,
 * and a real demo runs to its checks. A private tmux socket keeps it apart from any tmux the
 * developer has open.
 */
@Tag("engine")
class TerminalIT {
  private static final String SOCKET = "cclab-e2e-" + ProcessHandle.current().pid();

  @TempDir Path state;

  private static String tmux(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", SOCKET));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  private static String screen() throws IOException, InterruptedException {
    return tmux("capture-pane", "-p", "-S", "-200", "-t", "lab");
  }

  private static String awaitScreen(String text, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    String s = "";
    while (System.currentTimeMillis() < deadline) {
      s = screen();
      if (s.contains(text)) {
        return s;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("'" + text + "' did not appear in " + seconds + " s. Screen:\n" + s);
  }

  private static void awaitCount(String text, int count, int seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    String s = "";
    while (System.currentTimeMillis() < deadline) {
      s = screen();
      if (s.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= count) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "'" + text + "' did not appear " + count + " times in " + seconds + " s. Screen:\n" + s);
  }

  /**
   * ./cclab with this test's state directory and the engine settings the build passes on; tmux
   * installed if missing.
   */
  private String labCommand() {
    if (!new Executables(System.getenv()).has("tmux")) {
      new PackageInstaller(HostFacts.read(), System.getenv(), System.err::println)
          .install("the end-to-end test drives the lab in tmux", "tmux");
    }
    StringBuilder env =
        new StringBuilder("env XDG_STATE_HOME=" + state + " CCLAB_PAGER=0 TERM=xterm-256color");
    for (String v :
        new String[] {"CCLAB_HOST", "CCLAB_OFFLINE", "CCLAB_INSTALL_ENGINE", "PATH", "JAVA_HOME"}) {
      String value = System.getenv(v);
      if (value != null) {
        env.append(' ').append(v).append('=').append(value);
      }
    }
    return env + " " + Path.of("").toAbsolutePath().resolve("cclab");
  }

  /**
   * Waits until the lab in the pane has exited (its session closes with it), so it writes nothing
   * more.
   */
  private static void awaitExit() throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      Process p =
          new ProcessBuilder("tmux", "-L", SOCKET, "has-session", "-t", "lab")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the lab did not exit after quit");
  }

  @AfterEach
  void stop() throws Exception {
    tmux("kill-server");
  }

  @Test
  void aLearnerNavigatesRunsADemoAndItsProgressIsKept() throws Exception {
    tmux("new-session", "-d", "-s", "lab", "-x", "110", "-y", "50", labCommand());
    awaitScreen("cclab [01 welcome] ›", 120);

    tmux("send-keys", "-t", "lab", "goto read-only-root", "Enter");
    awaitScreen("READ-ONLY FILESYSTEMS AND SCRATCH SPACE", 10);
    tmux("send-keys", "-t", "lab", "run", "Enter");
    awaitScreen("Predict: A script writes to /etc/malicious", 10);
    tmux("send-keys", "-t", "lab", "", "Enter"); // Enter skips the prediction
    // read-only-root has steps for one engine only (requires: podman / docker): the other engine's
    // are skipped
    String s = awaitScreen("skipped in ", 120);
    assertTrue(s.contains("✓ Found \"write to /etc blocked\""), s);
    tmux("send-keys", "-t", "lab", "toc", "Enter");
    awaitScreen("← you are here", 10);
    // the audit's scorecard must reach the screen before the next prompt, not with the next command
    tmux("send-keys", "-t", "lab", "audit podman run --rm --network none cclab/busybox", "Enter");
    String card = awaitScreen("✓ held:", 60);
    assertTrue(card.contains("Score ") && card.contains("fix: --cap-drop ALL"), card);
    tmux("send-keys", "-t", "lab", "quit", "Enter");
    awaitExit();

    Path progress = state.resolve("cclab/progress.json");
    String json = Files.readString(progress);
    assertTrue(json.contains("\"position\" : \"filesystem-isolation\""), json);
    assertTrue(
        json.replaceAll("\\s", "").contains("\"read-only-root\":{\"status\":\"passed\""), json);
  }

  /**
   * A learner acts: predicts, writes a wrong line and reads why, takes a hint, writes the right
   * line, answers the quiz; after a restart the progress keeps all of it (#15).
   */
  @Test
  void aLearnerPredictsFailsTakesAHintSolvesAndAnswersTheQuiz() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    String lab = labCommand();
    tmux("new-session", "-d", "-s", "lab", "-x", "120", "-y", "60", lab);
    awaitScreen("cclab [01 welcome] ›", 120);
    tmux("send-keys", "-t", "lab", "goto resource-limits", "Enter");
    awaitScreen("cclab [04 resource-limits] ›", 10);

    tmux("send-keys", "-t", "lab", "run memory-exercise", "Enter");
    awaitScreen("your answer (1–3, Enter skips) ›", 10);
    tmux("send-keys", "-t", "lab", "1", "Enter");
    awaitScreen("your line ›", 10);
    String dir = root.resolve("demos/memory-exercise").toString();
    tmux(
        "send-keys",
        "-t",
        "lab",
        "podman run --rm --memory 1g --memory-swap 1g -v "
            + dir
            + "/grow.py:/app/grow.py:ro cclab/python python3 /app/grow.py",
        "Enter");
    String wrong = awaitScreen("A common wrong answer:", 120);
    assertTrue(wrong.contains("the runaway reached 300 MB;"), wrong);
    assertTrue(wrong.contains("✗ Not what you predicted:"), wrong);

    tmux("send-keys", "-t", "lab", "hint", "Enter");
    awaitScreen("Hint 1 of 3:", 10);
    tmux("send-keys", "-t", "lab", "run memory-exercise", "Enter");
    awaitCount("your line ›", 2, 10); // the prediction was answered: not asked again
    tmux(
        "send-keys",
        "-t",
        "lab",
        "podman run --rm --memory 100m --memory-swap 100m -v "
            + dir
            + "/grow.py:/app/grow.py:ro cclab/python python3 /app/grow.py",
        "Enter");
    awaitScreen("✓ 4 check(s) passed", 120);

    tmux("send-keys", "-t", "lab", "quiz", "Enter");
    awaitScreen("Question 1 of 2:", 10);
    tmux("send-keys", "-t", "lab", "2", "Enter");
    awaitScreen("Question 2 of 2:", 10);
    tmux("send-keys", "-t", "lab", "2", "Enter");
    awaitScreen("2 of 2 right.", 10);
    tmux("send-keys", "-t", "lab", "quit", "Enter");
    awaitExit();

    // a new session, the same learner: everything is still there
    tmux("new-session", "-d", "-s", "lab", "-x", "120", "-y", "60", lab);
    awaitScreen("Welcome back. You were at 4.", 120);
    tmux("send-keys", "-t", "lab", "quit", "Enter");
    awaitExit();
    String json = Files.readString(state.resolve("cclab/progress.json")).replaceAll("\\s", "");
    assertTrue(json.contains("\"prediction\":{\"chosen\":1,\"right\":false"), json);
    assertTrue(json.contains("\"failed\":[\"oom-killed\",\"stdout-lacks\"]"), json);
    assertTrue(json.contains("\"memory-exercise\":{\"status\":\"passed\""), json);
    assertTrue(json.contains("\"resource-limits\":{\"1\":{\"chosen\":2,\"right\":true"), json);
  }
}
