package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
  @TempDir Path state;

  private Tmux tmux;

  @BeforeEach
  void terminal() throws Exception {
    tmux = new Tmux(state, 2000);
  }

  @AfterEach
  void stop() throws Exception {
    tmux.close();
  }

  private String labCommand() {
    return Tmux.lab(state, "CCLAB_PAGER=0", "TERM=xterm-256color");
  }

  @Test
  void aLearnerNavigatesRunsADemoAndItsProgressIsKept() throws Exception {
    tmux.start(110, 50, labCommand());
    tmux.await("cclab [01 welcome] ›", 120);

    tmux.keys("goto read-only-root", "Enter");
    // the lesson is longer than the window: its heading is read back from the scrollback
    tmux.awaitMore("READ-ONLY FILESYSTEMS AND SCRATCH SPACE", 0, 10);
    tmux.keys("run", "Enter");
    tmux.await("Predict: A script writes to /etc/malicious", 10);
    tmux.keys("", "Enter"); // Enter skips the prediction
    // read-only-root has steps for one engine only (requires: podman / docker): the other engine's
    // are skipped; the run is longer than the window, so what it printed is read back whole
    String s = tmux.awaitMore("skipped in ", 0, 120);
    assertTrue(s.contains("✓ Found \"write to /etc blocked\""), s);
    tmux.keys("toc", "Enter");
    tmux.await("← you are here", 10);
    // the audit's scorecard must reach the screen before the next prompt, not with the next command
    tmux.keys("audit podman run --rm --network none cclab/busybox", "Enter");
    String card = tmux.awaitMore("✓ held:", 0, 60);
    assertTrue(card.contains("Score ") && card.contains("fix: --cap-drop ALL"), card);
    tmux.keys("quit", "Enter");
    tmux.awaitExit(20);

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
    tmux.start(120, 60, lab);
    tmux.await("cclab [01 welcome] ›", 120);
    tmux.keys("goto resource-limits", "Enter");
    tmux.await("cclab [04 resource-limits] ›", 10);

    tmux.keys("run memory-exercise", "Enter");
    tmux.await("your answer (1–3, Enter skips) ›", 10);
    tmux.keys("1", "Enter");
    tmux.await("your line ›", 10);
    String dir = root.resolve("demos/memory-exercise").toString();
    tmux.keys(
        "podman run --rm --memory 1g --memory-swap 1g -v "
            + dir
            + "/grow.py:/app/grow.py:ro cclab/python python3 /app/grow.py",
        "Enter");
    // the prediction's verdict is the last of the three: it follows the verdict's advice and the
    // progress file's save, so waiting for an earlier line raced it (Docker 26.1 in CI)
    String wrong = tmux.await("✗ Not what you predicted:", 120);
    assertTrue(wrong.contains("Expected the OOM killer to stop it"), wrong);
    assertTrue(wrong.contains("A common wrong answer:"), wrong);

    tmux.keys("hint", "Enter");
    tmux.await("Hint 1 of 3:", 10);
    tmux.keys("run memory-exercise", "Enter");
    tmux.await("your line ›", 2, 10); // the prediction was answered: not asked again
    tmux.keys(
        "podman run --rm --memory 100m --memory-swap 100m -v "
            + dir
            + "/grow.py:/app/grow.py:ro cclab/python python3 /app/grow.py",
        "Enter");
    tmux.await("✓ 4 check(s) passed", 120);

    tmux.keys("quiz", "Enter");
    tmux.await("Question 1 of 2:", 10);
    tmux.keys("2", "Enter");
    tmux.await("Question 2 of 2:", 10);
    tmux.keys("2", "Enter");
    tmux.await("2 of 2 right.", 10);
    tmux.keys("quit", "Enter");
    tmux.awaitExit(20);

    // a new session, the same learner: everything is still there
    tmux.start(120, 60, lab);
    // read from the scrollback: the lesson shown after it can be longer than the window
    tmux.awaitMore("Welcome back. You were at 4.", 0, 120);
    tmux.keys("quit", "Enter");
    tmux.awaitExit(20);
    String json = Files.readString(state.resolve("cclab/progress.json")).replaceAll("\\s", "");
    assertTrue(json.contains("\"prediction\":{\"chosen\":1,\"right\":false"), json);
    assertTrue(json.contains("\"failed\":[\"oom-killed\",\"config\"]"), json);
    assertTrue(json.contains("\"memory-exercise\":{\"status\":\"passed\""), json);
    assertTrue(json.contains("\"resource-limits\":{\"1\":{\"chosen\":2,\"right\":true"), json);
  }

  /**
   * At the exercise prompt of a real terminal, a line that prints the probe's words itself is
   * refused, not judged, and a line that drops two capabilities of many runs and fails on the lab's
   * own probe (#22); neither is kept as passed.
   */
  @Test
  void aFakedOutputIsRefusedAndAPartialProtectionFails() throws Exception {
    String own = " -v $(pwd)/own.sh:/app/own.sh:ro cclab/busybox";
    tmux.start(140, 60, labCommand());
    tmux.await("cclab [01 welcome] ›", 120);
    tmux.keys("goto caps-exercise", "Enter");
    tmux.keys("run caps-exercise", "Enter");
    tmux.await("your line ›", 10);
    // a whole line typed after the one the prompt holds replaces it
    tmux.type(
        "podman run --rm"
            + own
            + " sh -c 'echo probe.cap_eff=0000000000000001;"
            + " echo chown ok: the report belongs to lab'");
    // the lab wraps its sentences to the window: read word for word
    String refused = tmux.awaitMore("✗ Refused, not judged", 0, 60).replaceAll("\\s+", " ");
    assertTrue(refused.contains("Keep the command as given"), refused);

    tmux.keys("run caps-exercise", "Enter");
    tmux.awaitMore("your line ›", 1, 10);
    tmux.type("podman run --rm --cap-drop NET_RAW --cap-drop MKNOD" + own + " sh /app/own.sh");
    String failed = tmux.awaitMore("✗ Your line fails", 0, 120).replaceAll("\\s+", " ");
    assertTrue(failed.contains("start from --cap-drop ALL"), failed);
    tmux.keys("quit", "Enter");
    tmux.awaitExit(20);

    String json = Files.readString(state.resolve("cclab/progress.json")).replaceAll("\\s", "");
    assertFalse(json.contains("\"caps-exercise\":{\"status\":\"passed\""), json);
  }
}
