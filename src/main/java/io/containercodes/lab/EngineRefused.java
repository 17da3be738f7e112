package io.containercodes.lab;

/** The engine answered but would not do what was asked (bad mount, unknown network…). */
public class EngineRefused extends LabException {
  public EngineRefused(String message, String fix, Throwable cause) {
    super(message, fix, cause);
  }
}
