package io.containercodes.lab.engine;

import java.util.Set;

/**
 * What {@link Engine#clean} removed, and what it left because its owner is still running: another
 * terminal's REPL, a parallel {@code verify}, this very process. On a swarm a run's service counts
 * as its container (removing it removes the task's container).
 */
public record CleanReport(
    int containers,
    int networks,
    int volumes,
    int leftContainers,
    int leftNetworks,
    int leftVolumes,
    Set<String> liveOwners) {
  /** Both reports as one: the engine's containers and a swarm's services. */
  CleanReport plus(CleanReport other) {
    Set<String> owners = new java.util.TreeSet<>(liveOwners);
    owners.addAll(other.liveOwners);
    return new CleanReport(
        containers + other.containers,
        networks + other.networks,
        volumes + other.volumes,
        leftContainers + other.leftContainers,
        leftNetworks + other.leftNetworks,
        leftVolumes + other.leftVolumes,
        owners);
  }

  public int left() {
    return leftContainers + leftNetworks + leftVolumes;
  }
}
