package io.containercodes.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.demo.DemoLoader;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.runline.RunLineParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #24.6: every message that quotes input — a flag, a name, a content line, a path — shows its
 * control characters escaped, by construction: {@link Quote#input} where the message is built, and
 * {@link LabException} escaping whole messages as a backstop. Escape sequences and a forged line go
 * through each error path; none comes back raw.
 */
class QuotedInputTest {
  /** Retitles the window, clears the screen, and tries to start a line of its own. */
  private static final String HOSTILE = "x\u001b]0;pwned\u0007\u001b[2J\nFORGED";

  private static final String SHOWN = "x\\e]0;pwned\\a\\e[2J\\nFORGED";

  @TempDir Path dir;

  /** The message says the input, escaped, and carries nothing a terminal would act on. */
  private static void assertQuoted(LabException e) {
    String all = e.getMessage() + "\n" + (e.fix() == null ? "" : e.fix());
    assertTrue(all.contains(SHOWN), all);
    assertFalse(all.contains("\nFORGED"), "a newline in the input forged a line: " + all);
    assertNoControlCharacters(all);
  }

  private static void assertNoControlCharacters(String text) {
    text.chars()
        .forEach(c -> assertFalse(c < 0x20 && c != '\n', "raw control " + c + " in: " + text));
  }

  private static void assertRefusedQuoted(Executable run) {
    assertQuoted(assertThrows(LabException.class, run));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--frob%s", // Unknown flag
        "-e %s", // -e NAME
        "--memory %s",
        "--cpus %s",
        "--pids-limit %s",
        "--ulimit %s",
        "-v %s",
        "-v /ok:%s:zz",
        "--mount type=%s",
        "--tmpfs %s",
        "--device %s",
        "-p %s",
        "--restart %s",
        "--cap-add %s",
        "--security-opt %s",
        "--timeout %s",
      })
  void everyRunLineErrorQuotesTheLinesWordsEscaped(String flag) {
    List<String> line = new ArrayList<>(List.of("podman", "run"));
    for (String word : flag.split(" ")) {
      line.add(word.formatted(HOSTILE));
    }
    line.addAll(List.of("cclab/busybox", "true"));
    assertRefusedQuoted(() -> new RunLineParser(null).parse(line));
  }

  @Test
  void theToolAndTheSubcommandAreQuotedToo() {
    assertRefusedQuoted(() -> new RunLineParser(null).parse(List.of(HOSTILE, "run", "img")));
    assertRefusedQuoted(() -> new RunLineParser(null).parse(List.of("podman", HOSTILE, "img")));
  }

  @Test
  void aLessonPacksLineIsQuotedAtItsFileAndLine() throws Exception {
    Path demo = Files.createDirectories(dir.resolve("demos/hostile"));
    Files.writeString(
        demo.resolve("demo.yaml"),
        // YAML's escapes put the raw characters into the line; single quotes keep them one word
        "id: hostile\ntitle: t\nproves: p\nrun: \"podman run '--frob"
            + HOSTILE.replace("\u001b", "\\e").replace("\u0007", "\\a").replace("\n", "\\n")
            + "' cclab/busybox\"\nexpect:\n  - exit-code: 0\n");
    ContentError e = assertThrows(ContentError.class, () -> new DemoLoader().load(demo));
    assertTrue(e.getMessage().startsWith(demo.resolve("demo.yaml") + ":4: "), e.getMessage());
    assertQuoted(e);
  }

  @Test
  void aDemoNameThatIsNoDemoIsQuoted() throws Exception {
    Files.createDirectories(dir.resolve("demos"));
    Files.createDirectories(dir.resolve("lessons"));
    assertRefusedQuoted(() -> new LessonPack(dir).demo(HOSTILE));
  }

  @Test
  void aMessageThatForgotToQuoteIsStillEscapedByTheBackstop() {
    InvalidInput e = new InvalidInput("raw " + HOSTILE, "fix " + HOSTILE);
    assertNoControlCharacters(e.getMessage() + e.fix());
  }
}
