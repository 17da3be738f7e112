package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks a report's output path before any work starts: a run of every demo that ends in
 * "NoSuchFileException" has wasted minutes and still tells the user nothing clear.
 */
final class OutputFile {
  private OutputFile() {}

  /**
   * Throws a usage error naming the option when {@code file} could not be written; null means not
   * asked for.
   */
  static void check(String option, Path file) {
    if (file == null) {
      return;
    }
    Path target = file.toAbsolutePath();
    Path folder = target.getParent();
    String hint = "Choose a file in a folder that exists and that you can write to.";
    if (Files.isDirectory(target)) {
      throw new InvalidInput(
          option + " " + Quote.input(file) + ": that is a folder; name a file in it.", hint);
    }
    if (folder == null || !Files.isDirectory(folder)) {
      throw new InvalidInput(
          option
              + " "
              + Quote.input(file)
              + ": the folder "
              + Quote.input(folder)
              + " does not exist.",
          "Create it first (mkdir -p "
              + Quote.input(folder)
              + "), or "
              + hint.substring(0, 1).toLowerCase(Locale.ROOT)
              + hint.substring(1));
    }
    if (Files.exists(target) ? !Files.isWritable(target) : !Files.isWritable(folder)) {
      throw new InvalidInput(
          option
              + " "
              + Quote.input(file)
              + ": "
              + (Files.exists(target) ? "the file" : "the folder " + Quote.input(folder))
              + " is not writable.",
          hint);
    }
  }
}
