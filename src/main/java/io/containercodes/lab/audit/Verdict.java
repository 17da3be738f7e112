package io.containercodes.lab.audit;

/** What one rule concluded, with the evidence for it in a sentence. */
public record Verdict(Outcome outcome, String evidence) {
  public enum Outcome {
    PASS,
    FAIL,
    SKIPPED
  }

  public static Verdict pass(String evidence) {
    return new Verdict(Outcome.PASS, evidence);
  }

  public static Verdict fail(String evidence) {
    return new Verdict(Outcome.FAIL, evidence);
  }

  public static Verdict skipped(String reason) {
    return new Verdict(Outcome.SKIPPED, reason);
  }

  /** One sentence of evidence, true whichever way the rule went ("label: unconfined"). */
  public static Verdict failIf(boolean failed, String evidence) {
    return failed ? fail(evidence) : pass(evidence);
  }

  /**
   * A sentence for each way the rule can go: the condition is written once, not again in a ternary
   * that picks the evidence, where the two could disagree.
   */
  public static Verdict failIf(boolean failed, String ifFailed, String ifPassed) {
    return failed ? fail(ifFailed) : pass(ifPassed);
  }
}
