package io.containercodes.lab;

import io.containercodes.lab.render.SafeText;

/**
 * A problem the user can act on. Every subclass carries the sentence that explains it and, where
 * one exists, the fix: the one place that turns these into exit codes is the CLI.
 */
public abstract class LabException extends RuntimeException {
  private final String fix;

  /**
   * Message and fix are escaped for the terminal here, whatever their builder quoted: a control
   * character that slipped into either is shown, never obeyed (newlines stay; quote input with
   * {@link Quote#input}, which escapes those too).
   */
  protected LabException(String message, String fix, Throwable cause) {
    super(SafeText.escape(message), cause);
    this.fix = SafeText.escape(fix);
  }

  /** What to do about it, or null when there is nothing better to say than the message. */
  public String fix() {
    return fix;
  }
}
