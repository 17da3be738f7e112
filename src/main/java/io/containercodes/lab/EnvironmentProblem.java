package io.containercodes.lab;

/** The machine cannot do what was asked: no engine, no image, a missing tool. */
public class EnvironmentProblem extends LabException {
  public EnvironmentProblem(String message, String fix) {
    super(message, fix, null);
  }

  public EnvironmentProblem(String message, String fix, Throwable cause) {
    super(message, fix, cause);
  }
}
