package io.containercodes.lab.runline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.containercodes.lab.props.Gen;
import io.containercodes.lab.props.Properties;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Whatever the words, a line that quotes each of them the way a POSIX shell would splits back into
 * exactly those words: what a learner quotes is what the container gets.
 */
class CommandLineTokenizerTest {
  private final CommandLineTokenizer tokenizer = new CommandLineTokenizer(null);

  /** The ways a shell user can write one word. */
  enum Quoting {
    SINGLE,
    DOUBLE,
    BACKSLASH,
    JOIN
  }

  record Quoted(String word, Quoting quoting, String separator) {
    String written() {
      return switch (quoting) {
        case SINGLE -> word.contains("'") ? doubleQuoted(word) : "'" + word + "'";
        case DOUBLE -> doubleQuoted(word);
        // a backslash before a newline continues the line, in a shell as in the tokenizer
        case BACKSLASH ->
            word.isEmpty() || word.contains("\n") ? doubleQuoted(word) : backslashed(word);
        case JOIN -> CommandLineTokenizer.join(List.of(word));
      };
    }
  }

  @Test
  void quotedWordsSplitBackIntoTheSameWords() {
    Gen<String> word = word();
    Gen<Quoting> quoting = Gen.of(Quoting.values());
    Gen<String> separator = Gen.of(" ", "  ", "\t", "\n", " \\\n  ", "\n# a comment\n");
    Gen<Quoted> quoted = r -> new Quoted(word.next(r), quoting.next(r), separator.next(r));
    Properties.forAll(
        "quoted words split back into the same words",
        500,
        quoted.list(0, 8),
        words -> {
          String line =
              words.stream().map(q -> q.written() + q.separator()).collect(Collectors.joining());
          assertEquals(words.stream().map(Quoted::word).toList(), tokenizer.split(line), line);
        });
  }

  @Test
  void joinWritesALineThatSplitsBackIntoTheSameWords() {
    Properties.forAll(
        "join writes a line that splits back into the same words",
        500,
        word().list(0, 8),
        words -> assertEquals(words, tokenizer.split(CommandLineTokenizer.join(words))));
  }

  /** Any text at all, and text dense in what a shell treats specially. */
  static Gen<String> word() {
    return Gen.oneOf(
        Gen.strings(Gen.anyChar(), 0, 12), Gen.strings("ab $`'\"\\#|&;<>(){}\n\t*?~=-", 0, 12));
  }

  private static String doubleQuoted(String word) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if ("\\\"$`".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  private static String backslashed(String word) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
