package io.containercodes.lab.audit;

/** A rule and its verdict on one configuration. */
public record RuleResult(Rule rule, Verdict verdict) {
  public boolean failed() {
    return verdict.outcome() == Verdict.Outcome.FAIL;
  }

  public boolean passed() {
    return verdict.outcome() == Verdict.Outcome.PASS;
  }

  public boolean skipped() {
    return verdict.outcome() == Verdict.Outcome.SKIPPED;
  }
}
