package io.containercodes.lab;

/** The engine answered but would not do what was asked (bad mount, unknown network…). */
public class EngineRefused extends LabException {
  public EngineRefused(String message, String fix, Throwable cause) {
    super(message, fix, cause);
  }

  /**
   * @param engineSaid the engine's own answer the message was made from, shown with --verbose
   */
  public EngineRefused(String message, String fix, String engineSaid, Throwable cause) {
    super(message, fix, engineSaid, cause);
  }
}
