package io.containercodes.lab;

/**
 * A problem the user can act on. Every subclass carries the sentence that explains it and, where
 * one exists, the fix: the one place that turns these into exit codes is the CLI.
 */
public abstract class LabException extends RuntimeException {
  private final String fix;

  protected LabException(String message, String fix, Throwable cause) {
    super(message, cause);
    this.fix = fix;
  }

  /** What to do about it, or null when there is nothing better to say than the message. */
  public String fix() {
    return fix;
  }
}
