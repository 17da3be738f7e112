package io.containercodes.lab;

import io.containercodes.lab.render.SafeText;

/**
 * A problem the user can act on. Every subclass carries the sentence that explains it and, where
 * one exists, the fix: the one place that turns these into exit codes is the CLI.
 */
public abstract class LabException extends RuntimeException {
  private final String fix;
  private final String raw;

  protected LabException(String message, String fix, Throwable cause) {
    this(message, fix, null, cause);
  }

  /**
   * Message, fix and raw text are escaped for the terminal here, whatever their builder quoted: a
   * control character that slipped into any is shown, never obeyed (newlines stay; quote input with
   * {@link Quote#input}, which escapes those too).
   *
   * @param raw what the lab's sentence was made from, for {@code --verbose} (the engine's raw
   *     answer, JSON and all); null when the sentence is all there is
   */
  protected LabException(String message, String fix, String raw, Throwable cause) {
    super(SafeText.escape(message), cause);
    this.fix = SafeText.escape(fix);
    this.raw = SafeText.escape(raw);
  }

  /** What to do about it, or null when there is nothing better to say than the message. */
  public String fix() {
    return fix;
  }

  /** The raw text behind the message, shown with {@code --verbose}; null when there is none. */
  public String raw() {
    return raw;
  }
}
