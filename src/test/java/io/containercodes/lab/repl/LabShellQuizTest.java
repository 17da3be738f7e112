package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressStore;
import java.nio.file.Files;
import java.nio.file.Path;
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
    return ReplSession.in(root).episode(episode).run(input);
  }

  private ProgressStore store() {
    return ReplSession.in(root).store();
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

  /** Issue #25.9: a re-take that skips keeps the earlier answers, in the tally and in progress. */
  @Test
  void aRetakeThatSkipsKeepsTheEarlierAnswersInView() throws Exception {
    session("quiz\n1\n2\nquit\n");
    String out = ReplSession.flat(session("quiz\n\n\nprogress\nquit\n"));
    assertTrue(out.contains("Skipped; your earlier answer stays: 1 (not right)."), out);
    assertTrue(out.contains("1 of 2 right (2 kept from before)."), out);
    assertTrue(out.contains("quiz 1: 1. --network bridge ✗"), out);
    assertTrue(out.contains("quiz 2: 2. no ✓"), out);
  }

  @Test
  void answeringAgainKeepsTheFirstAnswerBesideTheLatest() throws Exception {
    session("quiz\n1\n2\nquiz\n2\n\nprogress\nquit\n");
    Progress.Answer a = store().load().quiz().get("network").get("1");
    assertEquals(2, a.chosen());
    assertTrue(a.right());
    assertEquals(1, a.firstAnswer().chosen());
    String out = ReplSession.flat(session("progress\nquit\n"));
    assertTrue(
        out.contains("quiz 1: 2. --network none ✓; first answer 1. --network bridge ✗"), out);
  }
}
