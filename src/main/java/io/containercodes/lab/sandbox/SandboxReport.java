package io.containercodes.lab.sandbox;

import io.containercodes.lab.engine.Outcome;
import java.util.List;

/**
 * What a sandboxed script did and tried. {@code attempts} are things the sandbox blocked or
 * absorbed (network, writes outside scratch space, files that are not there, the process
 * and memory limits); {@code filesWritten} are in the scratch areas, which vanish with it.
 */
public record SandboxReport(
    String file,
    String image,
    Outcome outcome,
    boolean pidsLimitHit,
    List<String> filesWritten,
    List<String> rootChanges,
    List<String> canaryRequests,
    List<Attempt> attempts,
    List<String> relaxations,
    String verdict) {

  /** One thing the script tried: what, and the evidence. */
  public record Attempt(String kind, String what, String evidence) {}

  public boolean containedSomething() {
    return !attempts.isEmpty();
  }
}
