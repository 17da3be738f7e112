package io.containercodes.lab.check;

/** The verdict of one check, with the sentence a learner reads. */
public record CheckResult(Check check, Status status, String sentence) {
  public static CheckResult pass(Check check, String sentence) {
    return new CheckResult(check, Status.PASS, sentence);
  }

  public static CheckResult fail(Check check, String sentence) {
    return new CheckResult(check, Status.FAIL, sentence);
  }

  public static CheckResult skipped(Check check, String reason) {
    return new CheckResult(check, Status.SKIPPED, "skipped: " + reason);
  }
}
