package io.containercodes.lab.check;

import java.util.List;

/**
 * A check as a demo file states it: the check itself, the flags it stands for ({@code by:}), and
 * what to tell a learner whose line makes it fail ({@code if-failed:}), in words they can act on
 * ("the canary saw a request from your container: your line still gives it a network").
 */
public record Annotated(Check check, List<String> by, String ifFailed) implements Check {
  public Annotated {
    by = List.copyOf(by);
  }

  @Override
  public CheckKind kind() {
    return check.kind();
  }

  @Override
  public String expectation() {
    return check.expectation();
  }

  @Override
  public CheckResult evaluate(Evidence evidence) {
    CheckResult r = check.evaluate(evidence);
    String sentence =
        r.status() == Status.FAIL && ifFailed != null
            ? r.sentence() + " — " + ifFailed
            : r.sentence();
    return new CheckResult(this, r.status(), sentence);
  }

  @Override
  public String watchedHostPath() {
    return check.watchedHostPath();
  }

  @Override
  public List<String> protectedBy() {
    return by;
  }

  @Override
  public List<String> risks() {
    return check.risks();
  }
}
