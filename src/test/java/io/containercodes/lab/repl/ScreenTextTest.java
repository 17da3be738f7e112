package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end test's judges of a screen, each shown to find what it looks for, and only that.
 */
class ScreenTextTest {
  @Test
  void lineDrawingSentAsLettersIsFoundAndLinesAreNot() {
    assertTrue(ScreenText.lineDrawingAsLetters("lqk demo qqqqqqqqqqqqqqqqk"));
    assertTrue(ScreenText.lineDrawingAsLetters("mqqqqqqqqqqqqqqqqqqqqqqqqj"));
    assertFalse(ScreenText.lineDrawingAsLetters("┌─ ▶ demo network-exercise ───┐\n└──────┘"));
    assertFalse(ScreenText.lineDrawingAsLetters("+- > demo network-exercise ---+"));
  }

  /** The launcher's line the test found: 89 columns on an 80-column terminal. */
  @Test
  void aLineTheTerminalBrokeInsideAWordIsFound() {
    String launcher =
        "[cclab] Preparing a start-up archive for Java 25 (once after each build, some seconds)...";
    assertEquals(List.of(launcher), ScreenText.brokenByTheTerminal(launcher + "\nshort\n", 80));
    // broken between words: no harm; typed lines, run lines and container output are exempt
    String atASpace = "x".repeat(79) + " " + "next";
    assertEquals(List.of(), ScreenText.brokenByTheTerminal(atASpace, 80));
    String typed = "your line › podman run --rm " + "-v a:b ".repeat(20);
    String output = "    " + "y".repeat(200);
    String run = "  $ podman run " + "z".repeat(100);
    assertEquals(List.of(), ScreenText.brokenByTheTerminal(typed + "\n" + output + "\n" + run, 80));
  }

  @Test
  void aWordTheLabBrokeAcrossLinesIsFound() throws Exception {
    Set<String> words = ScreenText.vocabulary(Path.of("").toAbsolutePath());
    assertTrue(words.contains("container") && words.contains("network"), "the lab's own words");
    assertEquals(
        List.of("  A con⏎tainer cannot"),
        ScreenText.brokenWords("  A con\n  tainer cannot\nreach the network", words));
    assertEquals(
        List.of("│ fetches code from the networ⏎k"),
        ScreenText.brokenWords("│ fetches code from the networ\nk", words));
    assertEquals(
        List.of(), ScreenText.brokenWords("  A container\n  cannot reach the\nnetwork", words));
  }
}
