package io.containercodes.lab.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The REPL's command history, kept in a file when the state directory allows it. JLine logs a stack
 * trace for every history line it cannot save — after every command in a read-only state directory.
 * Here the learner is told once, in one sentence, and the session goes on with history in memory
 * only.
 */
final class SessionHistory extends DefaultHistory {
  private final Consumer<String> warn;
  private boolean off;

  SessionHistory(Consumer<String> warn) {
    this.warn = warn;
  }

  /**
   * The file when its folder exists (or can be made) and is writable; otherwise tells why once and
   * returns null.
   */
  Path usable(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      stop(
          dir
              + " cannot be created ("
              + e.getClass().getSimpleName().replace("Exception", "")
              + ")");
      return null;
    }
    if (Files.isDirectory(file)) {
      stop(file + " is a folder");
      return null;
    }
    if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
      stop((Files.isWritable(dir) ? file : dir) + " is not writable");
      return null;
    }
    return file;
  }

  @Override
  public void load() throws IOException {
    try {
      super.load();
    } catch (IOException | RuntimeException e) {
      stop("it cannot be read (" + e.getMessage() + ")");
    }
  }

  @Override
  public void save() throws IOException {
    if (off) {
      return;
    }
    try {
      super.save();
    } catch (IOException | java.io.UncheckedIOException e) {
      stop(
          e instanceof java.nio.file.AccessDeniedException a
              ? a.getFile() + " is not writable"
              : String.valueOf(e.getMessage()));
    }
  }

  private void stop(String why) {
    if (!off) {
      off = true;
      warn.accept("history will not be kept: " + why + ".");
    }
  }
}
