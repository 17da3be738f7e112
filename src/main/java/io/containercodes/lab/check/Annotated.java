package io.containercodes.lab.check;

import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.RunSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A check as a demo file states it: the check itself, the flags it stands for ({@code by:}), what
 * to tell a learner whose line makes it fail ({@code if-failed:}), in words they can act on ("the
 * canary saw a request from your container: your line still gives it a network"), and where it is
 * written ({@code line}, for lint).
 *
 * <p>A check that stands for a flag the lab itself supplies when a line lacks it (a memory or pids
 * cap, a CPU limit, its internal network in place of the engine's default) passes only when the
 * line as written sets that flag, and the admission did not record that the lab supplied it in the
 * line's place (a cap kept over a line's {@code --memory 0}, say): the lab's safety never counts as
 * the learner's protection.
 */
public record Annotated(Check check, List<String> by, String ifFailed, int line) implements Check {
  /** The flags the lab supplies when a line has none, and how to tell the line set them. */
  static final Map<String, Predicate<RunSpec>> LAB_SUPPLIED =
      Map.of(
          "--memory", s -> s.memoryBytes() != null && s.memoryBytes() > 0,
          "--pids-limit", s -> s.pidsLimit() != null && s.pidsLimit() > 0,
          "--cpus", s -> s.nanoCpus() != null && s.nanoCpus() > 0,
          "--network", s -> s.network() != null);

  /** What the admission records the lab supplied in place of each such flag. */
  static final Map<String, Supplied.Kind> SUPPLIED_AS =
      Map.of(
          "--memory", Supplied.Kind.MEMORY,
          "--memory-swap", Supplied.Kind.MEMORY,
          "--pids-limit", Supplied.Kind.PIDS,
          "--network", Supplied.Kind.NETWORK);

  public Annotated {
    by = List.copyOf(by);
  }

  public Annotated(Check check, List<String> by, String ifFailed) {
    this(check, by, ifFailed, 0);
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
    if (r.status() == Status.PASS) {
      Optional<String> notTheLines = labSupplied(evidence).or(() -> notSet(evidence.line()));
      if (notTheLines.isPresent()) {
        r = CheckResult.fail(this, notTheLines.get());
      }
    }
    String sentence =
        r.status() == Status.FAIL && ifFailed != null
            ? r.sentence() + " — " + ifFailed
            : r.sentence();
    return new CheckResult(this, r.status(), sentence);
  }

  /**
   * A flag this check stands for in whose place the admission recorded a supply of the lab's: the
   * sentence that says so, quoting the line's own value when it had one the lab overrode.
   */
  private Optional<String> labSupplied(Evidence evidence) {
    for (String flag : by) {
      Supplied.Kind kind = SUPPLIED_AS.get(flag);
      Optional<Supplied> s = kind == null ? Optional.empty() : evidence.labSupplied(kind);
      if (s.isPresent()) {
        return Optional.of(
            s.get().lineValue() == null
                ? notTheLine(flag)
                : "The line's "
                    + flag
                    + " "
                    + s.get().lineValue()
                    + " limits nothing, so the lab kept its own safety cap ("
                    + s.get().value()
                    + "): what held was the lab's, which keeps this machine safe and is not the"
                    + " line's protection.");
      }
    }
    return Optional.empty();
  }

  /** A flag this check stands for that the lab supplies, which the line as written does not set. */
  private Optional<String> notSet(RunSpec asWritten) {
    if (asWritten == null) {
      return Optional.empty();
    }
    return by.stream()
        .filter(LAB_SUPPLIED::containsKey)
        .filter(f -> !LAB_SUPPLIED.get(f).test(asWritten))
        .findFirst()
        .map(Annotated::notTheLine);
  }

  private static String notTheLine(String flag) {
    return flag.equals("--network")
        ? "The line sets no --network: on a real machine the container runs on the engine's"
            + " default network and reaches the internet; the lab put it on its own internal"
            + " network for safety, which is not the line's protection."
        : "The line sets no "
            + flag
            + ": what held was the lab's own safety cap, which keeps this machine safe and is not"
            + " the line's protection.";
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

  @Override
  public java.util.Set<String> judgedKeys() {
    return check.judgedKeys();
  }
}
