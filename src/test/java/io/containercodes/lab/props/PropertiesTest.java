package io.containercodes.lab.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The harness itself: silent when a property holds, and a failure says how to see it again. */
class PropertiesTest {
  private static final Gen<List<Integer>> LISTS = Gen.ints(0, 9).list(0, 12);

  @Test
  void aPropertyThatHoldsPassesSilently() {
    List<List<Integer>> seen = new ArrayList<>();
    Properties.forAll("sizes", 200, LISTS, seen::add);
    assertEquals(200, seen.size());
    assertTrue(seen.stream().allMatch(l -> l.size() <= 12 && l.stream().allMatch(i -> i <= 9)));
  }

  @Test
  void aFailureNamesTheSeedTheTryAndTheShrunkSample() {
    long seed = "no sevens".hashCode();
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Properties.forAll(
                    "no sevens", 1000, LISTS, l -> assertFalse(l.contains(7), "a seven")));
    String m = e.getMessage();
    assertTrue(m.startsWith("Property 'no sevens' failed on try "), m);
    assertTrue(m.contains("with seed " + seed + " (repeat with -Dcclab.props.seed=" + seed), m);
    // each element removed while the property still fails: one seven is left
    assertTrue(m.contains("\n  sample: [7]\n  shrunk from: ["), m);
    assertTrue(m.contains("failure: org.opentest4j.AssertionFailedError: a seven"), m);
    assertEquals(org.opentest4j.AssertionFailedError.class, e.getCause().getClass());
  }

  @Test
  void shrinkingKeepsOnlyFailuresOfTheSameKind() {
    // without its first element the property throws another exception, so nothing shrinks
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Properties.forAll(
                    "first element",
                    1,
                    Gen.constant(List.of(1, 2, 3)),
                    l -> {
                      if (l.size() < 3) {
                        throw new IllegalStateException("shorter");
                      }
                      throw new IllegalArgumentException("three");
                    }));
    assertTrue(e.getMessage().contains("sample: [1, 2, 3]\n  failure: "), e.getMessage());
    assertFalse(e.getMessage().contains("shrunk"), e.getMessage());
  }

  @Test
  void shrinkingSkipsSamplesThePropertyDeclines() {
    // lists must start with a 1; without the assumption the smallest failing list would be []
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Properties.forAll(
                    "starts with one",
                    1,
                    Gen.constant(List.of(1, 2, 3, 4)),
                    l -> {
                      assumeTrue(!l.isEmpty() && l.get(0) == 1);
                      assertFalse(l.contains(3));
                    }));
    assertTrue(e.getMessage().contains("sample: [1, 3]\n"), e.getMessage());
  }

  @Test
  void theSeedSystemPropertyChoosesTheSamples() {
    String before = System.getProperty(Properties.SEED);
    try {
      System.setProperty(Properties.SEED, "42");
      List<List<Integer>> seen = new ArrayList<>();
      Properties.forAll("any name", 5, LISTS, seen::add);
      Random r = new Random(42);
      List<List<Integer>> expected = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        expected.add(LISTS.next(r));
      }
      assertEquals(expected, seen);
      AssertionError e =
          assertThrows(
              AssertionError.class,
              () -> Properties.forAll("fails", 1, Gen.constant("x"), s -> fail()));
      assertTrue(e.getMessage().contains("failed on try 1 of 1 with seed 42"), e.getMessage());
      assertTrue(e.getMessage().contains("sample: x\n"), e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(Properties.SEED);
      } else {
        System.setProperty(Properties.SEED, before);
      }
    }
  }

  private static void fail() {
    throw new IllegalStateException("always");
  }

  /**
   * A declined sample is not a pass (#28.5): RunLineRoundTripTest once passed after checking none.
   */
  @Test
  void declinedSamplesDoNotCountAndTooFewCheckedFails() {
    AssertionError none =
        assertThrows(
            AssertionError.class,
            () -> Properties.forAll("declines all", 20, LISTS, l -> assumeTrue(false)));
    assertTrue(none.getMessage().contains("checked only 0 of 20 samples"), none.getMessage());

    List<List<Integer>> checked = new ArrayList<>();
    Properties.forAll(
        "declines the empty",
        50,
        LISTS,
        l -> {
          assumeTrue(!l.isEmpty());
          checked.add(l);
        });
    assertEquals(50, checked.size(), "every try is a checked sample");
  }
}
