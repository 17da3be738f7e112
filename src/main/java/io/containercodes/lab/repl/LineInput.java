package io.containercodes.lab.repl;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.MaskingCallback;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Every line the REPL reads — commands, exercise lines, answers — comes from here, kept exactly as
 * typed (see {@link ShellLineParser}): no escape character dropped, no {@code !} history expansion,
 * a line continued with {@code \} or an open quote read to its end.
 */
final class LineInput {
  private final LineReader reader;

  LineInput(Terminal terminal, Completer completer, Path historyFile, Consumer<String> warn) {
    SessionHistory history = new SessionHistory(warn);
    LineReaderBuilder builder =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("cclab")
            .parser(new ShellLineParser())
            .completer(completer)
            .history(history)
            // LineReaderImpl.finish drops escape characters unless this is set; it also turns
            // off !-history expansion, which would rewrite a line such as sh -c 'echo hi!!'
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%M › ");
    Path kept = historyFile == null ? null : history.usable(historyFile);
    if (kept != null) {
      builder.variable(LineReader.HISTORY_FILE, kept);
    }
    this.reader = builder.build();
  }

  /**
   * The next command line.
   *
   * @throws UserInterruptException on Ctrl-C
   * @throws EndOfFileException on Ctrl-D or the end of the input
   */
  String command(String prompt) {
    return reader.readLine(prompt);
  }

  /**
   * Whether a line given to edit can be edited: a dumb terminal has no line editing (JLine inserts
   * Ctrl-U there), so a learner could not empty or change what it holds.
   */
  boolean edits() {
    String type = reader.getTerminal().getType();
    return type != null && !type.startsWith("dumb");
  }

  /** A line, with Ctrl-C and Ctrl-D meaning "none" (empty). */
  Optional<String> line(String prompt) {
    return line(prompt, null);
  }

  /**
   * A line that starts out as {@code initial} for the learner to edit (null: empty), stripped;
   * empty on Ctrl-C, Ctrl-D or an empty line.
   */
  Optional<String> line(String prompt, String initial) {
    try {
      String line =
          ShellLineParser.trimmed(reader.readLine(prompt, null, (MaskingCallback) null, initial));
      return line.isEmpty() ? Optional.empty() : Optional.of(line);
    } catch (UserInterruptException | EndOfFileException e) {
      return Optional.empty();
    }
  }
}
