package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lesson's quiz in the REPL: offered before moving on, asked, explained, kept. */
class LabShellQuizTest {
  @TempDir Path root;

  private Episode episode;

  @BeforeEach
  void pack() throws Exception {
    Files.createDirectories(root.resolve("demos"));
    Path lessons = Files.createDirectories(root.resolve("lessons/000-q"));
    Files.writeString(
        lessons.resolve("01-network.md"),
        """
        ---
        title: Network
        section: "1"
        minutes: 1
        ---

        Some text.

        ```quiz
        ? Which flag takes a container's network away completely?
        - --network bridge
        + --network none
        - --cap-drop NET_RAW
        > --network none leaves only the loopback interface; a bridge is still a network.

        ? Does --read-only stop writes to a --tmpfs mount?
        - yes
        + no
        > A tmpfs mount is its own writable filesystem, on top of the read-only root.
        ```
        """);
    Files.writeString(
        lessons.resolve("02-next.md"),
        "---\ntitle: Next\nsection: \"2\"\nminutes: 1\n---\n\nMore.\n");
    episode = new LessonPack(root).episode("000-q");
  }

  private String session(String input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DumbTerminal terminal =
        new DumbTerminal(
            "test",
            "dumb",
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
            out,
            StandardCharsets.UTF_8)) {
      new LabShell(
              terminal,
              episode,
              store(),
              () -> null,
              Map.of("NO_COLOR", "1"),
              args -> 0,
              root.resolve("history"))
          .run();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private ProgressStore store() {
    return new ProgressStore(root.resolve("progress.json"), m -> {});
  }

  @Test
  void theLessonShowsThatAQuizIsThereWithoutGivingTheAnswersAway() throws Exception {
    String out = session("quit\n");
    assertTrue(out.contains("? Quiz: 2 questions on this lesson — type quiz"), out);
    assertFalse(out.contains("+ --network none"), out);
  }

  @Test
  void nextOffersTheQuizOnceThenTheAnswersAreExplainedAndKept() throws Exception {
    String out = session("next\nquiz\n1\n2\nquit\n");
    assertTrue(
        out.contains("This lesson has 2 quiz questions: type quiz, or next again to go on."), out);
    assertTrue(
        out.contains("✗ Not quite: the answer is 2. --network none leaves only the loopback"), out);
    assertTrue(out.contains("✓ Right. A tmpfs mount is its own writable filesystem"), out);
    assertTrue(out.contains("1 of 2 right."), out);
    Progress p = store().load();
    assertEquals(1, p.quiz().get("network").get("1").chosen());
    assertFalse(p.quiz().get("network").get("1").right());
    assertTrue(p.quiz().get("network").get("2").right());
    assertTrue(session("next\nquit\n").contains("More."), "answered: next goes on at once");
  }

  @Test
  void nextTwiceSkipsTheQuiz() throws Exception {
    String out = session("next\nnext\nquit\n");
    assertTrue(out.contains("More."), out);
  }
}
