package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

  @Property(tries = 500)
  void quotedWordsSplitBackIntoTheSameWords(@ForAll("quotedWords") List<Quoted> words) {
    String line =
        words.stream().map(q -> q.written() + q.separator()).collect(Collectors.joining());
    assertEquals(words.stream().map(Quoted::word).toList(), tokenizer.split(line), line);
  }

  @Property(tries = 500)
  void joinWritesALineThatSplitsBackIntoTheSameWords(@ForAll("words") List<String> words) {
    assertEquals(words, tokenizer.split(CommandLineTokenizer.join(words)));
  }

  @Provide
  Arbitrary<List<String>> words() {
    return word().list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Quoted>> quotedWords() {
    Arbitrary<String> separator =
        Arbitraries.of(" ", "  ", "\t", "\n", " \\\n  ", "\n# a comment\n");
    return Combinators.combine(word(), Arbitraries.of(Quoting.values()), separator)
        .as(Quoted::new)
        .list()
        .ofMaxSize(8);
  }

  /** Any text at all, and text dense in what a shell treats specially. */
  static Arbitrary<String> word() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(12),
        Arbitraries.strings().withChars("ab $`'\"\\#|&;<>(){}\n\t*?~=-").ofMaxLength(12));
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
