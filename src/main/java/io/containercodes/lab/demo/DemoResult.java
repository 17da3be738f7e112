package io.containercodes.lab.demo;

import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import io.containercodes.lab.engine.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * What one run of a demo showed, and whether that is what this kind of run must show.
 *
 * @param refusal the sentence the lab refused a wrong answer's line with, before anything ran; null
 *     when it ran
 */
public record DemoResult(
    Demo demo,
    Variant variant,
    List<StepResult> steps,
    Duration duration,
    String error,
    String refusal) {

  public DemoResult(
      Demo demo, Variant variant, List<StepResult> steps, Duration duration, String error) {
    this(demo, variant, steps, duration, error, null);
  }

  /** A wrong answer the lab refused before anything ran: {@code sentence} says why. */
  public static DemoResult refused(Demo demo, Variant variant, String sentence) {
    return new DemoResult(demo, variant, List.of(), Duration.ZERO, null, sentence);
  }

  /**
   * Which run this was: the demo as written; a proof, without some protective flags, whose checks
   * for those flags must then fail; or a listed wrong answer to an exercise, which must fail a
   * check.
   */
  public record Variant(List<String> removed, String wrongLine) {
    public static final Variant AS_WRITTEN = new Variant(List.of(), null);

    public Variant {
      removed = List.copyOf(removed);
    }

    public static Variant without(List<String> flags) {
      return new Variant(flags, null);
    }

    public static Variant wrong(String line) {
      return new Variant(List.of(), line);
    }

    /**
     * The runs that prove a demo, each of which must fail a check: without each protective flag (or
     * group that protects together) on its own, then each listed wrong answer. {@code run --prove}
     * and {@code verify --prove} both run exactly these.
     */
    public static List<Variant> proofsOf(Demo demo) {
      List<Variant> proofs = new ArrayList<>();
      demo.proofs().forEach(flags -> proofs.add(without(flags)));
      demo.wrongAnswers().forEach(w -> proofs.add(wrong(w.line())));
      return List.copyOf(proofs);
    }

    public boolean mustFail() {
      return !removed.isEmpty() || wrongLine != null;
    }

    public String label() {
      return wrongLine != null
          ? "wrong answer: " + wrongLine
          : removed.isEmpty() ? "as written" : "without " + String.join(" ", removed);
    }
  }

  /** {@code outcome} is null when the step was skipped (the host lacks a feature it needs). */
  public record StepResult(Demo.Step step, Outcome outcome, List<CheckResult> checks) {
    public boolean failed() {
      return checks.stream().anyMatch(c -> c.status() == Status.FAIL);
    }
  }

  /** A run that must fail a check: a proof or a wrong answer. */
  public boolean protectionsRemoved() {
    return variant.mustFail();
  }

  /** Every check was skipped: the host could show nothing of this demo. Not a pass. */
  public boolean allSkipped() {
    return error == null
        && refusal == null
        && steps.stream()
            .flatMap(s -> s.checks().stream())
            .allMatch(c -> c.status() == Status.SKIPPED);
  }

  public boolean anyCheckFailed() {
    return steps.stream().anyMatch(StepResult::failed);
  }

  /**
   * As written: no error and no failed check. A wrong answer: some check failed. A proof: the
   * checks that stand for exactly the removed flags ({@code by:}) all failed — or, for a demo that
   * does not say which check a flag protects, some check failed.
   */
  public boolean passed() {
    if (error != null) {
      return false;
    }
    if (refusal != null) {
      // refused, not judged: the proof of a faked output that runs something else; any other
      // wrong answer must run, so its checks are shown to catch it
      return variant.wrongLine() != null
          && demo.wrongAnswers().stream()
              .anyMatch(w -> w.line().equals(variant.wrongLine()) && w.mayBeRefused());
    }
    if (!variant.mustFail()) {
      return !anyCheckFailed();
    }
    if (variant.wrongLine() != null || !demo.saysWhatEachFlagProtects()) {
      return anyCheckFailed();
    }
    // a step this host skips (requires: docker on Podman) proves nothing either way
    List<CheckResult> tied =
        checksTiedToRemovedFlags().stream().filter(c -> c.status() != Status.SKIPPED).toList();
    return !tied.isEmpty() && tied.stream().allMatch(c -> c.status() == Status.FAIL);
  }

  /** The checks whose {@code by:} names exactly the flags this proof removed. */
  public List<CheckResult> checksTiedToRemovedFlags() {
    var removed = new HashSet<>(variant.removed());
    return steps.stream()
        .flatMap(s -> s.checks().stream())
        .filter(
            c ->
                !c.check().protectedBy().isEmpty()
                    && new HashSet<>(c.check().protectedBy()).equals(removed))
        .toList();
  }

  public long count(Status status) {
    return steps.stream()
        .flatMap(s -> s.checks().stream())
        .filter(c -> c.status() == status)
        .count();
  }
}
