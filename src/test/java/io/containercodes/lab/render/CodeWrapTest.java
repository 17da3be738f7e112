package io.containercodes.lab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #25.6: a code line wider than the window is broken by the lab, never inside a word. */
class CodeWrapTest {
  private static final String CHALLENGE =
      "audit podman run --rm --cap-drop ALL --security-opt no-new-privileges --read-only"
          + " --read-only-tmpfs=false --tmpfs /tmp:rw,noexec,nosuid,size=16m --network none"
          + " --memory 256m --memory-swap 256m --pids-limit 128 cclab/busybox";

  @Test
  void aLineThatFitsStaysAsItIs() {
    assertEquals(List.of("  podman run --rm x"), CodeWrap.command("  podman run --rm x", 40));
    assertEquals(List.of("    exec(code)  # 2."), CodeWrap.text("    exec(code)  # 2.", 40));
  }

  /** Lesson 12's line, at 80 columns less the gutter: pieces that join back into the line. */
  @Test
  void aCommandBreaksAtSpacesEachPieceEndingInABackslash() {
    List<String> pieces = CodeWrap.command(CHALLENGE, 78);
    assertTrue(pieces.size() > 1, pieces.toString());
    for (int i = 0; i < pieces.size(); i++) {
      assertTrue(pieces.get(i).length() <= 78, pieces.get(i));
      assertEquals(i < pieces.size() - 1, pieces.get(i).endsWith(" \\"), pieces.get(i));
    }
    String joined = String.join("\n", pieces).replace(" \\\n", " ").replaceAll(" +", " ");
    assertEquals(CHALLENGE, joined.strip());
  }

  @Test
  void aQuotedArgumentIsNeverBrokenInside() {
    String line = "podman run --rm cclab/busybox sh -c 'echo one two three four five six'";
    for (String piece : CodeWrap.command(line, 30)) {
      int quotes = piece.length() - piece.replace("'", "").length();
      assertEquals(0, quotes % 2, "a piece with half a quoted argument: " + piece);
    }
  }

  @Test
  void otherCodeBreaksAtASpaceKeepingItsIndentation() {
    String line = "    response = urllib.request.urlopen(url)   # 1. fetches code from the network";
    List<String> pieces = CodeWrap.text(line, 50);
    assertTrue(
        pieces.get(0).startsWith("    response = urllib.request.urlopen(url)"), pieces.get(0));
    assertTrue(
        pieces.get(1).startsWith("      ") && !pieces.get(1).startsWith("       "), pieces.get(1));
    for (String p : pieces) {
      assertTrue(p.length() <= 50, p);
    }
    assertEquals(
        line.replaceAll(" +", " ").strip(), String.join(" ", pieces).replaceAll(" +", " ").strip());
  }

  @Test
  void onlyAWordLongerThanTheRoomIsCut() {
    String url = "https://example.invalid/" + "a".repeat(60);
    List<String> pieces = CodeWrap.text("see " + url, 30);
    assertEquals("see", pieces.get(0));
    assertEquals(url, String.join("", pieces.subList(1, pieces.size())).replace(" ", ""));
  }
}
