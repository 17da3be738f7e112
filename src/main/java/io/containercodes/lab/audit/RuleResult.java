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

  /** Skipped for the host's sake: what this host cannot show, not what the line did. */
  public boolean skippedByHost() {
    return skipped() && verdict.byHost();
  }
}
