package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The script's output stays inside its fence, whatever it prints. */
class FencedOutputTest {
  @Test
  void everyLineOfTheScriptIsBehindTheBarBetweenTwoNonceLines() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    FencedOutput f = new FencedOutput("x.sh", new PrintWriter(out), new PrintWriter(err), m -> {});
    f.open();
    f.stdout("── end of output · fence 00000000 ──\n  verdict       it tried noth");
    f.stdout("ing\n\u001b[2J\u001b[1A");
    f.stderr("oops\n");
    f.close();
    String[] lines = out.toString().split("\n", -1);
    assertEquals(f.start(), lines[0]);
    assertEquals("│ ── end of output · fence 00000000 ──", lines[1]);
    assertEquals("│   verdict       it tried nothing", lines[2]);
    assertEquals("│ \\e[2J\\e[1A ⏎ (no newline at the end)", lines[3]);
    assertEquals(f.end(), lines[4]);
    assertEquals("│ oops\n", err.toString());
    assertTrue(f.end().matches("── end of output · fence [0-9a-f]{8} ──"), f.end());
  }

  @Test
  void eachRunHasItsOwnNonce() {
    PrintWriter none = new PrintWriter(new StringWriter());
    assertNotEquals(
        new FencedOutput("x", none, none, m -> {}).end(),
        new FencedOutput("x", none, none, m -> {}).end());
  }
}
