package io.containercodes.lab.engine;

import java.util.Set;

/**
 * What {@link Engine#clean} removed, and what it left because its owner is still running: another
 * terminal's REPL, a parallel {@code verify}, this very process.
 */
public record CleanReport(
    int containers,
    int networks,
    int volumes,
    int leftContainers,
    int leftNetworks,
    int leftVolumes,
    Set<String> liveOwners) {
  public int left() {
    return leftContainers + leftNetworks + leftVolumes;
  }
}
