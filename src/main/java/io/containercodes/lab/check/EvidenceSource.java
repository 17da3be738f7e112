package io.containercodes.lab.check;

/**
 * Where a check's evidence comes from, in the project's order of preference. Only the first three
 * can show that a protection held: the workload's own output is text the code under test writes, so
 * it can say the program did its job, never that a protection stopped it.
 */
public enum EvidenceSource {
  /** The engine's record of the container (inspect, its OOM flag, its events). */
  ENGINE_RECORD("the engine's record"),
  /** The lab's own probe, run by the lab in a twin of the container. */
  LAB_PROBE("the lab's probe"),
  /**
   * What the lab sees from outside the container: the canary's log, host file fingerprints, the
   * engine's changes list, the lab's own clock and timeout.
   */
  OUTSIDE_EFFECT("an effect seen from outside"),
  /** What the host and its engine support: decides whether a step can be shown at all. */
  HOST_FEATURE("a feature of the host"),
  /** What the workload printed, or the exit status it chose. */
  WORKLOAD_OUTPUT("the workload's own output");

  private final String words;

  EvidenceSource(String words) {
    this.words = words;
  }

  /** For people: "the engine's record". */
  public String words() {
    return words;
  }

  /** Evidence the code under test cannot write: it can show a protection held. */
  public boolean canShowAProtection() {
    return this == ENGINE_RECORD || this == LAB_PROBE || this == OUTSIDE_EFFECT;
  }
}
