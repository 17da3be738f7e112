package io.containercodes.lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lesson pack's pattern cannot hold the lab: the work of a match is bounded by construction
 * (RE2/J reads each input character a bounded number of times, the input is bounded, the program is
 * bounded), proved here by counting the characters the matcher reads rather than by a clock.
 */
class TextCheckBoundsTest {
  private static final String CATASTROPHIC = "^((a+)+)+$";

  /** Counts every character read, and gives up past a budget: no clock in the test. */
  private static final class CountingInput implements CharSequence {
    private final String text;
    private final long budget;
    long reads;

    CountingInput(String text, long budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (++reads > budget) {
        throw new IllegalStateException("over budget");
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new CountingInput(text.substring(start, end), budget - reads);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static long readsFor(int n) {
    CountingInput in = new CountingInput("a".repeat(n) + "b", Long.MAX_VALUE);
    TextCheck c = TextCheck.of(TextCheck.Stream.STDOUT, TextCheck.Mode.MATCHES, CATASTROPHIC);
    assertFalse(c.pattern().matcher(in).find());
    return in.reads;
  }

  @Test
  void theCatastrophicPatternReadsEachCharacterABoundedNumberOfTimes() {
    long small = readsFor(1_000);
    long large = readsFor(100_000);
    // linear: a hundred times the input costs about a hundred times the reads, never more than
    // a few reads per character (a backtracking engine's count grows exponentially)
    assertTrue(large <= 4L * 100_001, "reads for 100 001 characters: " + large);
    assertTrue(large <= 101 * small + 1_000, small + " → " + large);
  }

  /**
   * Tagged slow: seconds of java.util.regex backtracking, none of it the lab's code, so mutation
   * testing (the pom's mutation profile) leaves it out.
   */
  @Test
  @Tag("slow")
  void theSamePatternUnderBacktrackingExceedsAnyBudgetWhichIsWhatRe2Prevents() {
    CountingInput in = new CountingInput("a".repeat(30) + "b", 10_000_000);
    java.util.regex.Pattern backtracking = java.util.regex.Pattern.compile(CATASTROPHIC);
    assertThrows(IllegalStateException.class, () -> backtracking.matcher(in).find());
  }

  @Test
  void theInputAndThePatternAreBounded() {
    String huge = "x".repeat(TextCheck.MAX_INPUT_CHARS + 10);
    assertEquals(TextCheck.MAX_INPUT_CHARS, TextCheck.bounded(huge).length());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TextCheck.of(
                TextCheck.Stream.STDOUT,
                TextCheck.Mode.MATCHES,
                "a".repeat(TextCheck.MAX_TEXT_CHARS + 1)));
    IllegalArgumentException big =
        assertThrows(
            IllegalArgumentException.class,
            () -> TextCheck.of(TextCheck.Stream.STDOUT, TextCheck.Mode.MATCHES, "(a{1,900}){9}"));
    assertTrue(big.getMessage().contains("instructions"), big.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"^((a+)+)+$", "(a+)+", "(x*)*y", "(\\w+\\s?)+$", "((ab)*c)+", "(a{2,})+"})
  void nestedRepetitionIsALintRisk(String pattern) {
    assertEquals(
        1,
        TextCheck.of(TextCheck.Stream.STDOUT, TextCheck.Mode.MATCHES, pattern).risks().size(),
        pattern);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "^interfaces: lo$",
        "cpu share 0\\.(0[5-9]|[12][0-9]|3[0-5])$",
        "(ab)+c*",
        "a+b+",
        "[(+]+\\)",
        "\\(a+\\)+",
        "(a|b){2,3}"
      })
  void ordinaryPatternsAreNot(String pattern) {
    assertEquals(
        List.of(),
        TextCheck.of(TextCheck.Stream.STDOUT, TextCheck.Mode.MATCHES, pattern).risks(),
        pattern);
  }
}
