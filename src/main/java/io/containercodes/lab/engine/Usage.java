package io.containercodes.lab.engine;

import java.util.OptionalLong;

/**
 * What a container used, as far as the engine's stats reported it: each value is empty when no
 * sample came (a container that exits within a second may have none).
 *
 * @param peakMemoryBytes the highest memory use reported
 * @param memoryLimitBytes the limit the spec set; empty when none
 * @param cpuNanos CPU time used, as last sampled
 * @param peakPids the most processes reported at once
 */
public record Usage(
    OptionalLong peakMemoryBytes,
    OptionalLong memoryLimitBytes,
    OptionalLong cpuNanos,
    OptionalLong peakPids) {

  /** Nothing reported, no limit set. */
  public static final Usage NONE =
      new Usage(
          OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

  /** Empty for null: the engine's and the spec's way of saying "none". */
  public static OptionalLong of(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
