package io.containercodes.lab.engine;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a container used, as far as the engine's stats and the kernel's cgroup reported it: each
 * value is empty when nothing came (a container that exits within a second may have no sample).
 *
 * @param peakMemoryBytes the highest memory use the engine's stats sampled (about once a second, so
 *     it can miss a spike entirely; see {@link #memoryPeak} for a recorded peak)
 * @param memoryLimitBytes the limit the spec set; empty when none
 * @param cpuNanos CPU time used, as last sampled
 * @param peakPids the most processes reported at once
 * @param memoryPeak the best account of the peak there is, with where it comes from; null when
 *     there is none at all
 */
public record Usage(
    OptionalLong peakMemoryBytes,
    OptionalLong memoryLimitBytes,
    OptionalLong cpuNanos,
    OptionalLong peakPids,
    MemoryPeak memoryPeak) {

  /** Nothing reported, no limit set. */
  public static final Usage NONE =
      new Usage(
          OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

  /** Samples only: the peak is the highest sample, and says so. */
  public Usage(
      OptionalLong peakMemoryBytes,
      OptionalLong memoryLimitBytes,
      OptionalLong cpuNanos,
      OptionalLong peakPids) {
    this(
        peakMemoryBytes,
        memoryLimitBytes,
        cpuNanos,
        peakPids,
        peakMemoryBytes.isPresent()
            ? new MemoryPeak(peakMemoryBytes.getAsLong(), MemoryPeak.Source.SAMPLED)
            : null);
  }

  /** Empty for null: the engine's and the spec's way of saying "none". */
  public static OptionalLong of(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  public Optional<MemoryPeak> peak() {
    return Optional.ofNullable(memoryPeak);
  }

  /**
   * The highest memory use there is an account of, and how good that account is.
   *
   * @param bytes the value
   */
  public record MemoryPeak(long bytes, Source source) {
    /** Where a peak comes from, best first. */
    public enum Source {
      /**
       * The memory cgroup's high-water mark (v1 memory.max_usage_in_bytes, v2 memory.peak), read
       * after the container's last process ended: the true peak.
       */
      CGROUP_FINAL,
      /**
       * The same high-water mark, last read while the container still ran (the engine removed the
       * cgroup before a later read): the peak was at least this.
       */
      CGROUP_WHILE_RUNNING,
      /**
       * The high-water mark the engine's stats reported (Docker on cgroup v1, max_usage), at its
       * last sample: at least this.
       */
      ENGINE_MAX_USAGE,
      /** Only the engine's once-a-second samples of current use: not a peak at all. */
      SAMPLED
    }

    /** A true peak, or a high-water mark the kernel kept: never just a sample. */
    public boolean recorded() {
      return source != Source.SAMPLED;
    }

    /** "peak 98.4 MiB (the memory cgroup's own record)", for people. */
    public String describe() {
      String size = Bytes.human(bytes);
      return switch (source) {
        case CGROUP_FINAL -> "peak " + size + " (the memory cgroup's own record)";
        case CGROUP_WHILE_RUNNING ->
            "at least " + size + " at its peak (the memory cgroup's record, last read as it ran)";
        case ENGINE_MAX_USAGE ->
            "at least "
                + size
                + " at its peak (the engine's record of the cgroup's high-water mark)";
        case SAMPLED ->
            "no recorded peak (the engine's once-a-second samples saw at most "
                + size
                + ", and can miss a spike)";
      };
    }
  }
}
