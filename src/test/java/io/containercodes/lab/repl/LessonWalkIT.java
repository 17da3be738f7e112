package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.content.Question;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #25, done when: the packaged lab in a real terminal (tmux, {@code TERM=tmux-256color}, 80
 * columns, the pager on) walks lessons 01–12 as a learner does — every page of every lesson read, a
 * line with backslashes tried, a demo stopped with Ctrl-C, a prediction made, an exercise's line
 * pasted as the \-continued lines a document shows, the issue's own install-exercise line typed,
 * every quiz answered, progress asked for — and what the terminal showed has no DEC line-drawing
 * letters where lines belong, no word of the lab's text broken, and the progress just made.
 */
@Tag("engine")
class LessonWalkIT {
  private static final int WIDTH = 80;
  private static final int HEIGHT = 40;

  @TempDir Path state;

  private final Path root = Path.of("").toAbsolutePath();
  private final Episode episode = new LessonPack(root).episode(LessonPack.DEFAULT_EPISODE);
  private final List<String> pages = new ArrayList<>();

  @Test
  void aLearnerWalksEveryLessonAt80ColumnsInTmux() throws Exception {
    Engine engine = TestEngine.get(); // the lab's images are there before the lab starts
    try (Tmux tmux = new Tmux(state, 100_000)) {
      tmux.start(WIDTH, HEIGHT, labCommand());
      List<Integer> quizAnswers = new ArrayList<>();
      for (Lesson lesson : episode.lessons()) {
        if (lesson.number() > 1) {
          typeAtPrompt(tmux, "goto " + lesson.number());
        }
        read(tmux, lesson);
        switch (lesson.number()) {
          case 3 -> backslashes(tmux);
          case 4 -> {
            ctrlC(tmux, engine);
            predictAndPaste(tmux);
          }
          case 8 -> listedWrongAnswer(tmux);
          default -> {}
        }
        quiz(tmux, lesson, quizAnswers);
      }
      String history = typeThenAwait(tmux, "progress", "Community challenge:", 20);
      tmux.type("quit");
      tmux.awaitExit(30);

      List<String> screens = new ArrayList<>(pages);
      screens.add(history);
      for (String s : screens) {
        assertFalse(
            ScreenText.lineDrawingAsLetters(s), () -> "line drawing came out as letters:\n" + s);
      }
      assertEquals(
          List.of(), ScreenText.brokenByTheTerminal(history, WIDTH), "lab text the terminal broke");
      Set<String> vocabulary = ScreenText.vocabulary(root);
      for (String s : screens) {
        assertEquals(
            List.of(), ScreenText.brokenWords(s, vocabulary), () -> "words broken in\n" + s);
      }
      progressShowsWhatWasDone(ReplSession.flat(history), quizAnswers);
    }
  }

  /** The lab as tmux's own terminal type, in a UTF-8 locale, with its pager. */
  private String labCommand() {
    return Tmux.lab(state, "TERM=tmux-256color", "LANG=C.UTF-8");
  }

  /**
   * The lesson as shown: in the pager when it is longer than the window (every page read, then q),
   * or printed; done at the lesson's prompt.
   */
  private void read(Tmux tmux, Lesson lesson) throws Exception {
    String prompt = String.format("cclab [%02d %s] ›", lesson.number(), lesson.id());
    // the first start after a build prepares a start-up archive: a minute, or more on a busy
    // machine
    long deadline = System.currentTimeMillis() + 300_000;
    if (lesson.number() == 1) {
      started(tmux, lesson, deadline);
    }
    int read = 0;
    while (System.currentTimeMillis() < deadline && read < 40) {
      String s = settled(tmux);
      String last = lastLine(s);
      if (last.startsWith(prompt)) {
        return;
      }
      if (last.isEmpty() || last.startsWith("cclab [")) {
        continue; // the command typed, and the lesson not drawn yet
      }
      pages.add(s);
      read++;
      tmux.keys(last.contains("(END)") ? "q" : "Space");
    }
    throw new AssertionError(
        "lesson " + lesson.number() + " never reached its prompt:\n" + tmux.screen());
  }

  /** Waits until the lab shows its welcome: printed, or the first lesson's title in the pager. */
  private static void started(Tmux tmux, Lesson first, long deadline) throws Exception {
    while (System.currentTimeMillis() < deadline) {
      String s = tmux.screen();
      if (s.contains("ContainerCodes Lab — Episode") || s.contains(first.title())) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("the lab did not start:\n" + tmux.screen());
  }

  /** Issue #25.1: printf's \101 reaches the container, as from a shell. */
  private static void backslashes(Tmux tmux) throws Exception {
    String s =
        typeThenAwait(
            tmux, "try podman run --rm cclab/busybox sh -c 'printf \"x\\101y\\n\"'", "xAy", 60);
    assertFalse(s.contains("x101yn"), s);
  }

  /**
   * Issue #25.3: Ctrl-C while cpu-limit runs stops it; before the prompt is back, the lab's process
   * owns nothing on the engine, and nothing is printed after the prompt.
   */
  private static void ctrlC(Tmux tmux, Engine engine) throws Exception {
    int cancelled = tmux.count("✗ cancelled");
    typeThenAwait(tmux, "run cpu-limit", "$ podman run", 30);
    Thread.sleep(1000);
    tmux.keys("C-c");
    tmux.awaitMore("✗ cancelled", cancelled, 30);
    String s = atPrompt(tmux, "cclab [04 resource-limits] ›");
    assertTrue(
        s.contains("✗ cancelled — nothing of the run was left running.")
            || s.contains("✗ cancelled — stopped and removed"),
        s);
    assertEquals(List.of(), engine.objectsOwnedBy(labPid(tmux)));
    Thread.sleep(3000);
    String later = settled(tmux);
    assertTrue(lastLine(later).startsWith("cclab [04 resource-limits] ›"), later);
    assertEquals(lastLine(s), lastLine(later), "printed after the prompt:\n" + later);
  }

  /**
   * Issue #25.2: memory-exercise's prediction made, then its line pasted as a document shows it,
   * continued with \ over three lines (pasted as typed keys, each newline an Enter): judged whole.
   */
  private static void predictAndPaste(Tmux tmux) throws Exception {
    typeThenAwait(tmux, "run memory-exercise", "Enter skips) ›", 10);
    typeThenAwait(tmux, "2", "your line ›", 10);
    int passed = tmux.count("✓ 4 check(s) passed");
    tmux.paste(
        "podman run --rm --memory 100m --memory-swap 100m \\\n"
            + "  -v $(pwd)/grow.py:/app/grow.py:ro \\\n"
            + "  cclab/python python3 /app/grow.py\n");
    String s = tmux.awaitMore("✓ 4 check(s) passed", passed, 120);
    assertFalse(s.contains("Unknown command"), s);
    assertFalse(s.contains("names no image"), s);
  }

  /**
   * Issue #25.1 as found: install-exercise's listed wrong answer, with its grep -E
   * "\[reqeusts\]|…", is recognised, and the grep keeps to the package's own lines.
   */
  private static void listedWrongAnswer(Tmux tmux) throws Exception {
    typeThenAwait(tmux, "run install-exercise", "your line ›", 10);
    String s =
        typeThenAwait(
            tmux,
            "podman run --rm --network none -v $(pwd)/home:/root"
                + " -v $(pwd)/../malicious-install/reqeusts:/src:ro cclab/python sh -c 'cp -r /src"
                + " /tmp/pkg && pip install -v --no-index --no-build-isolation /tmp/pkg 2>&1 | grep"
                + " -E \"\\[reqeusts\\]|Successfully installed\"'",
            "A common wrong answer:",
            180);
    assertTrue(s.contains("[reqeusts] read /root/.aws/credentials"), s);
  }

  /** Answers the lesson's quiz, the right answer and a wrong one in turn; the answers kept. */
  private static void quiz(Tmux tmux, Lesson lesson, List<Integer> answers) throws Exception {
    List<Question> quiz = lesson.quiz();
    if (quiz.isEmpty()) {
      return;
    }
    int n = quiz.size();
    typeThenAwait(tmux, "quiz", "Question 1 of " + n + ":", 10);
    for (int i = 0; i < n; i++) {
      Question q = quiz.get(i);
      int chosen =
          answers.size() % 2 == 0 ? q.answer() + 1 : (q.answer() + 1) % q.choices().size() + 1;
      answers.add(chosen);
      String next = i + 1 < n ? "Question " + (i + 2) + " of " + n + ":" : " of " + n + " right.";
      typeThenAwait(tmux, Integer.toString(chosen), next, 10);
    }
  }

  /**
   * Types a line at the lab's prompt, and waits until it has printed {@code text} once more: what
   * the screen still shows of earlier commands does not count. Everything printed so far.
   */
  private static String typeThenAwait(Tmux tmux, String line, String text, int seconds)
      throws Exception {
    int before = tmux.count(text);
    typeAtPrompt(tmux, line);
    return tmux.awaitMore(text, before, seconds);
  }

  /**
   * Types a line once the lab waits at a prompt ("cclab [..] ›", "your line ›", "your answer … ›"):
   * typed earlier, the terminal echoes it into what the lab is still printing.
   */
  private static void typeAtPrompt(Tmux tmux, String line) throws Exception {
    for (int i = 0; i < 100 && !lastLine(settled(tmux)).endsWith("›"); i++) {
      Thread.sleep(100);
    }
    tmux.type(line);
  }

  /** Issue #25.9: progress shows the prediction, the exercises and each quiz answer just given. */
  private void progressShowsWhatWasDone(String flat, List<Integer> answers) {
    String report = flat.substring(flat.lastIndexOf("Your progress"));
    assertTrue(
        report.contains("predicted: 2. The kernel kills it with SIGKILL (exit 137) somewhere near"),
        report);
    assertTrue(report.contains("your lines: solved on the first try"), report);
    assertTrue(report.contains("your lines: not solved yet, 1 line(s)"), report);
    int n = 0;
    for (Lesson l : episode.lessons()) {
      for (int i = 0; i < l.quiz().size(); i++) {
        Question q = l.quiz().get(i);
        int chosen = answers.get(n++);
        String row = "quiz " + (i + 1) + ": " + chosen + ". " + q.choices().get(chosen - 1);
        assertTrue(report.contains(ReplSession.flat(row)), row + " in\n" + report);
      }
    }
    assertEquals(answers.size(), n);
  }

  /** The screen once it has stopped changing (the lab has drawn what it draws). */
  private static String settled(Tmux tmux) throws Exception {
    String before = tmux.screen();
    for (int i = 0; i < 100; i++) {
      Thread.sleep(300);
      String now = tmux.screen();
      if (now.equals(before) && !lastLine(now).isEmpty()) {
        return now;
      }
      before = now;
    }
    return before;
  }

  /** The screen once the lab waits at {@code prompt} again. */
  private static String atPrompt(Tmux tmux, String prompt) throws Exception {
    for (int i = 0; i < 100; i++) {
      String s = settled(tmux);
      if (lastLine(s).startsWith(prompt)) {
        return s;
      }
    }
    throw new AssertionError("the prompt did not come back:\n" + tmux.screen());
  }

  private static String lastLine(String screen) {
    String[] lines = screen.stripTrailing().split("\n");
    return lines[lines.length - 1].strip();
  }

  /** The lab's JVM: the window's process, or the java it started. */
  private static long labPid(Tmux tmux) throws Exception {
    ProcessHandle pane = ProcessHandle.of(tmux.panePid()).orElseThrow();
    return Stream.concat(Stream.of(pane), pane.descendants())
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no java under the tmux window"))
        .pid();
  }
}
