package io.containercodes.lab.check;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds the shape behind catastrophic backtracking in a lesson pack's pattern: a repeated group
 * that holds a repeated part, such as {@code (a+)+}, {@code ((a+)+)+} or {@code (\w+\s?)*} (star
 * height above one, the rule of substack/safe-regex). A backtracking engine tries every way of
 * splitting the input between the two repeats, which is exponential in the input's length. The lab
 * itself matches with RE2/J, in linear time, so such a pattern cannot hold it; lint still refuses
 * it, because a pack's pattern should mean the same in any engine and the shape is almost always a
 * mistake ({@code a+} says the same as {@code (a+)+}).
 *
 * <p>A scan of the pattern's text, not a parser: escapes and character classes are skipped, groups
 * are tracked by their parentheses. It may flag a harmless nesting such as {@code (\d+\.)+}; the
 * fix (bound the inner part, or write the repeat once) is always available.
 */
public final class RegexRisk {
  private RegexRisk() {}

  /** Why the pattern is refused, or empty when it has no nested repetition. */
  public static Optional<String> nestedRepetition(String pattern) {
    Deque<boolean[]> groups = new ArrayDeque<>(); // per open group: holds a repeat
    boolean lastWasRepeatedGroup = false;
    boolean lastGroupHeldRepeat = false;
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int quantifierEnd = unboundedQuantifierEnd(pattern, i);
      if (quantifierEnd > i) {
        if (lastWasRepeatedGroup && lastGroupHeldRepeat) {
          return Optional.of(
              "nested repetition (a repeated group that holds a repeated part, as in (a+)+):"
                  + " backtracking regex engines take exponential time on it; write the repeat"
                  + " once or bound the inner part");
        }
        if (!groups.isEmpty()) {
          groups.peek()[0] = true;
        }
        lastWasRepeatedGroup = false;
        i = quantifierEnd;
        continue;
      }
      lastWasRepeatedGroup = false;
      switch (c) {
        case '\\' -> i += 2;
        case '[' -> i = classEnd(pattern, i);
        case '(' -> {
          groups.push(new boolean[] {false});
          i++;
        }
        case ')' -> {
          boolean held = !groups.isEmpty() && groups.pop()[0];
          if (held && !groups.isEmpty()) {
            groups.peek()[0] = true; // the enclosing group holds that repeat too
          }
          lastWasRepeatedGroup = true;
          lastGroupHeldRepeat = held;
          i++;
        }
        default -> i++;
      }
    }
    return Optional.empty();
  }

  /**
   * The index after {@code *}, {@code +}, {@code {n,}} (with a lazy or possessive suffix) starting
   * at {@code i}; {@code i} itself when none starts there. {@code ?} and {@code {n,m}} are bounded.
   */
  private static int unboundedQuantifierEnd(String p, int i) {
    char c = p.charAt(i);
    int end;
    if (c == '*' || c == '+') {
      end = i + 1;
    } else if (c == '{') {
      int close = p.indexOf('}', i);
      if (close < 0 || !p.substring(i + 1, close).matches("\\d+,")) {
        return i;
      }
      end = close + 1;
    } else {
      return i;
    }
    return end < p.length() && (p.charAt(end) == '?' || p.charAt(end) == '+') ? end + 1 : end;
  }

  /** The index after a character class that starts at {@code i}. */
  private static int classEnd(String p, int i) {
    int j = i + 1;
    if (j < p.length() && p.charAt(j) == '^') {
      j++;
    }
    if (j < p.length() && p.charAt(j) == ']') {
      j++; // a ']' first in the class is a member
    }
    while (j < p.length() && p.charAt(j) != ']') {
      j += p.charAt(j) == '\\' ? 2 : 1;
    }
    return j + 1;
  }
}
