package io.containercodes.lab;

import java.nio.file.Path;

/** A lesson or demo file that cannot be used as written; says where, as file:line. */
public class ContentError extends InvalidInput {
  private final Path file;
  private final int line;

  public ContentError(Path file, int line, String message) {
    super(location(file, line) + ": " + message, null);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  /** 1-based; 0 when the problem concerns the whole file. */
  public int line() {
    return line;
  }

  /** The message without the location prefix. */
  public String detail() {
    String m = getMessage();
    return m.substring(m.indexOf(": ") + 2);
  }

  public static String location(Path file, int line) {
    return file + (line > 0 ? ":" + line : "");
  }
}
