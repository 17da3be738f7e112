package io.containercodes.lab;

/** What the user typed or wrote cannot be used as it is (a flag, a file, a value). */
public class InvalidInput extends LabException {
  public InvalidInput(String message, String fix) {
    super(message, fix, null);
  }
}
