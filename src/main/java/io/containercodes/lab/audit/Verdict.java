package io.containercodes.lab.audit;

/**
 * What one rule concluded, with the evidence for it in a sentence.
 *
 * @param byHost true for a rule skipped because this host cannot show it (limits that do not act,
 *     no AppArmor or SELinux): the score names those, so a learner knows the host, not the line,
 *     left them unjudged
 */
public record Verdict(Outcome outcome, String evidence, boolean byHost) {
  public enum Outcome {
    PASS,
    FAIL,
    SKIPPED
  }

  public Verdict(Outcome outcome, String evidence) {
    this(outcome, evidence, false);
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

  /** Skipped because of what this host (its kernel, its engine) cannot do, never the line. */
  public static Verdict skippedByHost(String reason) {
    return new Verdict(Outcome.SKIPPED, reason, true);
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
