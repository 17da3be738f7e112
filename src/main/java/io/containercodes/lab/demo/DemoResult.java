package io.containercodes.lab.demo;

import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import io.containercodes.lab.engine.Outcome;
import java.time.Duration;
import java.util.List;

/**
 * What one run of a demo showed. With {@code protectionsRemoved}, the demo ran without its
 * {@code without} flags, and passes only if some check failed.
 */
public record DemoResult(Demo demo, boolean protectionsRemoved, List<StepResult> steps, Duration duration, String error) {

  /** {@code outcome} is null when the step was skipped (the host lacks a feature it needs). */
  public record StepResult(Demo.Step step, Outcome outcome, List<CheckResult> checks) {
    public boolean failed() {
      return checks.stream().anyMatch(c -> c.status() == Status.FAIL);
    }
  }

  /** Every check was skipped: the host could show nothing of this demo. Not a pass. */
  public boolean allSkipped() {
    return error == null && steps.stream().flatMap(s -> s.checks().stream())
        .allMatch(c -> c.status() == Status.SKIPPED);
  }

  public boolean anyCheckFailed() {
    return steps.stream().anyMatch(StepResult::failed);
  }

  /** For a normal run: no error and no failed check. For a proof run: some check failed. */
  public boolean passed() {
    if (error != null) {
      return false;
    }
    return protectionsRemoved ? anyCheckFailed() : !anyCheckFailed();
  }

  public long count(Status status) {
    return steps.stream().flatMap(s -> s.checks().stream()).filter(c -> c.status() == status).count();
  }
}
