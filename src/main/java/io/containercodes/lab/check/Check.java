package io.containercodes.lab.check;

/**
 * One typed expectation about a run, with a sentence for pass and for fail. Every check must be
 * able to fail: {@code cclab verify --prove} removes a demo's protection and requires it to.
 */
public interface Check {
  /** What kind of check it is. */
  CheckKind kind();

  /** The key it is written with in a demo file, e.g. {@code oom-killed}. */
  default String type() {
    return kind().key();
  }

  /** Where its evidence comes from: only some sources can show a protection held. */
  default EvidenceSource source() {
    return kind().source();
  }

  /** What it expects, for listings: "the memory limit kills the process". */
  String expectation();

  CheckResult evaluate(Evidence evidence);

  /** A host path the runner must fingerprint before the step runs, or null. */
  default String watchedHostPath() {
    return null;
  }

  /**
   * The protective flags this check stands for ({@code by:} in the demo file): removed together,
   * they must make it fail. Empty for a check that must hold either way ("the script still runs to
   * the end").
   */
  default java.util.List<String> protectedBy() {
    return java.util.List.of();
  }

  /**
   * The probe facts or record keys it judges by name ({@code net_ifaces}, {@code swap}), so an
   * engine that cannot keep one of them for a run (a swarm) can skip it with its sentence; empty
   * for a check that judges none by name.
   */
  default java.util.Set<String> judgedKeys() {
    return java.util.Set.of();
  }

  /**
   * What lint should refuse in how the check is written though it loads (a pattern with nested
   * repetition); empty for most checks.
   */
  default java.util.List<String> risks() {
    return java.util.List.of();
  }
}
