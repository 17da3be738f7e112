package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.props.Gen;
import io.containercodes.lab.props.Properties;
import io.containercodes.lab.runline.RunLineArbitraries;
import io.containercodes.lab.runline.RunLineParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #25.1: the line that runs is the line typed. The same random run lines, quoted as a shell
 * user would (single quotes, double quotes, backslashes, lines continued with {@code \}), are typed
 * into the REPL's {@code try} and given to {@code cclab try} as the words a POSIX shell makes of
 * them; both must come to the same spec, or both be refused.
 */
class ReplRunLineTest {
  private static final int SAMPLES = 200;

  @TempDir Path state;

  private final RunLineParser parser = new RunLineParser(Path.of("").toAbsolutePath());

  /** A run line as typed, and the words a shell would make of it. */
  record Typed(String line, List<String> words) {
    @Override
    public String toString() {
      return line.replace("\n", "⏎");
    }
  }

  @Test
  void theReplAndTheShellMakeTheSameSpecOfAnyLine() throws Exception {
    Gen<List<List<String>>> lines = RunLineArbitraries.lines();
    Gen<Typed> typed =
        r -> {
          List<List<String>> parts = lines.next(r);
          List<String> words =
              RunLineArbitraries.words(parts).stream().map(ReplRunLineTest::typeable).toList();
          return new Typed(quoted(words, r), words);
        };
    int[] checked = {0};
    try (ReplSession.Live repl = ReplSession.in(state).start()) {
      Properties.forAll(
          "the REPL and the shell make the same spec of a line",
          SAMPLES,
          typed,
          t -> {
            checked[0]++;
            assertEquals(shellSide(t.words()), replSide(repl, t.line()), t.toString());
          });
    }
    assertTrue(checked[0] >= SAMPLES, "checked " + checked[0] + " lines");
  }

  /** What cclab try makes of the words the shell passed it: the spec, or the refusal. */
  private Object shellSide(List<String> words) {
    try {
      return parser.parse(words).spec();
    } catch (InvalidInput e) {
      return "refused";
    }
  }

  /** What the REPL hands try for the line typed, and what try makes of that one argument. */
  private Object replSide(ReplSession.Live repl, String line) {
    int before = repl.session().delegatedArgs().size();
    try {
      repl.type("try " + line + "\n");
      repl.awaitDelegated(before + 1, Duration.ofSeconds(10));
    } catch (Exception e) {
      throw new AssertionError("the REPL did not hand the line on", e);
    }
    List<String> args = repl.session().delegatedArgs().get(before);
    assertEquals(List.of("try", "--"), args.subList(0, 2));
    try {
      return parser.parse(args.get(2)).spec();
    } catch (InvalidInput e) {
      return "refused";
    }
  }

  /** A character a learner can type: control characters are keys, not text, in a line editor. */
  private static String typeable(String word) {
    StringBuilder b = new StringBuilder();
    word.codePoints()
        .forEach(
            c ->
                b.appendCodePoint(
                    (Character.isISOControl(c) && c != '\n')
                            || (c >= 0xd800 && c <= 0xdfff)
                            || c == 0x2028
                            || c == 0x2029
                        ? 'x'
                        : c));
    return b.toString();
  }

  /**
   * The words quoted one of the ways a shell user writes them, with a continued line now and then.
   */
  private static String quoted(List<String> words, Random r) {
    StringBuilder line = new StringBuilder();
    for (String w : words) {
      if (line.length() > 0) {
        line.append(List.of(" ", "  ", " \\\n  ", " \\\n").get(r.nextInt(4)));
      }
      int style = w.contains("\n") || w.isEmpty() ? 1 + r.nextInt(2) : r.nextInt(3);
      line.append(
          switch (style) {
            case 0 -> backslashed(w);
            case 1 -> w.contains("'") ? doubleQuoted(w) : "'" + w + "'";
            default -> doubleQuoted(w);
          });
    }
    return line.toString();
  }

  private static String doubleQuoted(String w) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if ("\\\"$`".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  private static String backslashed(String w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (!Character.isLetterOrDigit(c) && "-_./=:,@%+".indexOf(c) < 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
