package io.containercodes.lab.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.Goldens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden files of the sample lesson at three widths, with and without colour. To accept a
 * deliberate change: run with -Dgoldens.update=true and review the diff; a missing golden fails.
 */
class TerminalRendererTest {
  private static final Path DIR = Path.of("src/test/resources/render");

  private static String render(int width, Style style) throws IOException {
    return new TerminalRenderer(
            width,
            style,
            id ->
                id.equals("memory-limit")
                    ? Optional.of(
                        new DemoCard(
                            "memory-limit",
                            "A memory limit stops a runaway allocation",
                            "Code that allocates 200 MB in a container limited to 100 MB is"
                                + " killed.",
                            List.of(
                                "podman run --rm --memory=100m --memory-swap=100m cclab/python"
                                    + " python3 -c \"...\""),
                            null,
                            "run memory-limit — see it first without --memory=100m"
                                + " --memory-swap=100m, then with it"))
                    : Optional.empty())
        .render(Files.readString(DIR.resolve("sample.md")));
  }

  @ParameterizedTest(name = "width {0}, {1}")
  @CsvSource({"40,plain", "80,plain", "120,plain", "80,color"})
  void matchesTheGoldenFile(int width, String mode) throws IOException {
    String actual = render(width, mode.equals("color") ? Style.COLOR : Style.PLAIN);
    Goldens.assertFile(DIR.resolve("sample-" + width + "-" + mode + ".txt"), actual);
  }

  /**
   * Code too (issue #25.6): a command breaks at spaces outside quotes, so only a quoted argument
   * longer than the line is wider, on a line of its own.
   */
  @Test
  void noLineIsWiderThanAskedButAQuotedArgumentLongerThanALine() throws IOException {
    for (int width : new int[] {40, 80, 120}) {
      for (String line : render(width, Style.COLOR).split("\n")) {
        String plain = line.replaceAll("\u001b\\[[0-9;]*m", "");
        boolean quoted = plain.matches("│ +'[^']*'( \\\\)?");
        assertTrue(quoted || Style.width(line) <= width, width + ": " + line);
      }
    }
  }

  @Test
  void plainHasNoEscapeCodesAndColourHas() throws IOException {
    assertTrue(!render(80, Style.PLAIN).contains("\u001b["));
    assertTrue(render(80, Style.COLOR).contains("\u001b["));
  }

  @Test
  void anUnknownDemoIsShownAsSuch() {
    String s =
        new TerminalRenderer(80, Style.PLAIN, id -> Optional.empty()).render("```demo nope\n```\n");
    assertTrue(s.contains("[demo nope: not found]"), s);
  }

  @Test
  void escapeSequencesInLessonTextAreShownNotObeyedWhileTheLabsOwnColoursStay() {
    String hostile =
        "# Title\n\nRead this \u001b]0;pwned\u0007\u001b[2J and `code \u001b]52;c;eA==\u0007`.\n";
    String s = new TerminalRenderer(80, Style.COLOR, id -> Optional.empty()).render(hostile);
    assertTrue(s.contains("\\e]0;pwned\\a\\e[2J"), s);
    assertTrue(s.contains("\\e]52;c;eA==\\a"), s);
    assertTrue(!s.contains("\u001b]") && !s.contains("\u001b[2J") && !s.contains("\u0007"), s);
    assertTrue(s.contains("\u001b["), "the lab's own colours are still there");
  }

  @Test
  void aDemoCardsContentIsShownNotObeyed() {
    // the card comes from a demo.yaml: title, run line and the how-to line are someone else's
    String s =
        new TerminalRenderer(
                80,
                Style.PLAIN,
                id ->
                    Optional.of(
                        new DemoCard(
                            "x\u001b[2J",
                            "T\u001b]0;pwned\u0007",
                            "p",
                            List.of("podman run cclab/busybox echo \u001b]52;c;eA==\u0007"),
                            null,
                            "run x — see it first without --memory\u001b[31m, then with it")))
            .render("```demo x\n```\n");
    assertTrue(!s.contains("\u001b") && !s.contains("\u0007"), s);
    assertTrue(s.contains("T\\e]0;pwned\\a") && s.contains("\\e]52;c;eA==\\a"), s);
    assertTrue(s.contains("--memory\\e[31m"), s);
  }
}
