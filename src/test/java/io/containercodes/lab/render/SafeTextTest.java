package io.containercodes.lab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void titleClearAndClipboardSequencesAreShownNotObeyed() {
    String hostile = "\u001b]0;pwned\u0007\u001b[2J\u001b]52;c;cHduZWQ=\u0007done";
    String safe = SafeText.escape(hostile);
    assertEquals("\\e]0;pwned\\a\\e[2J\\e]52;c;cHduZWQ=\\adone", safe);
    assertTrue(SafeText.isClean(safe));
  }

  @Test
  void ordinaryTextNewlinesTabsAndCrLfPassUnchanged() {
    assertEquals("a\tb\nc ✓ é", SafeText.escape("a\tb\nc ✓ é"));
    assertEquals("line\nnext\n", SafeText.escape("line\r\nnext\r\n"));
  }

  @Test
  void loneCarriageReturnBackspaceC1AndBidiOverridesAreEscaped() {
    assertEquals("ok\\rEVIL", SafeText.escape("ok\rEVIL"));
    assertEquals("a\\bb", SafeText.escape("a\bb"));
    assertEquals("\\x9b2J", SafeText.escape("\u009b2J"));
    assertEquals("admin\\u202e\\u2066", SafeText.escape("admin\u202e\u2066"));
    assertFalse(SafeText.isClean("x\u007f"));
  }

  @Test
  void aSingleLineFieldKeepsToOneLine() {
    assertEquals("Ann\\nEve\\t=1", SafeText.escapeLine("Ann\nEve\t=1"));
  }
}
