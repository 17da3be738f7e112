package io.containercodes.lab.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows a container's stats and keeps the peaks. Best effort: a container that exits first has
 * none, and its values then stay empty. A sample's current use and the engine's high-water mark are
 * kept apart: Docker on cgroup v1 reports the cgroup's {@code max_usage}, a record the kernel keeps
 * between samples; Podman 4.3's compat stats report current use only (measured), and neither engine
 * reports a peak on cgroup v2.
 */
final class UsageSampler extends ResultCallback.Adapter<Statistics> {
  private final AtomicLong sampledMemory = new AtomicLong(-1);
  private final AtomicLong engineMaxUsage = new AtomicLong(-1);
  private final AtomicLong cpu = new AtomicLong(-1);
  private final AtomicLong pids = new AtomicLong(-1);
  private final OutputListener listener;
  private final Long memoryLimit;

  /**
   * @param memoryLimit the spec's limit; 0 or less is none (--memory 0 turns it off), never a limit
   *     of 0 bytes
   */
  UsageSampler(OutputListener listener, Long memoryLimit) {
    this.listener = listener;
    this.memoryLimit = memoryLimit != null && memoryLimit > 0 ? memoryLimit : null;
  }

  @Override
  public void onNext(Statistics s) {
    if (s == null) {
      return;
    }
    if (s.getCpuStats() != null
        && s.getCpuStats().getCpuUsage() != null
        && s.getCpuStats().getCpuUsage().getTotalUsage() != null) {
      cpu.accumulateAndGet(s.getCpuStats().getCpuUsage().getTotalUsage(), Math::max);
    }
    if (s.getPidsStats() != null && s.getPidsStats().getCurrent() != null) {
      pids.accumulateAndGet(s.getPidsStats().getCurrent(), Math::max);
    }
    if (s.getMemoryStats() == null) {
      return;
    }
    Long max = s.getMemoryStats().getMaxUsage();
    if (max != null && max > 0) {
      engineMaxUsage.accumulateAndGet(max, Math::max);
    }
    Long used = s.getMemoryStats().getUsage();
    if (used != null && used > 0) {
      sampledMemory.accumulateAndGet(used, Math::max);
      listener.memory(used, memoryLimit);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    // stats are best effort: a container that exits first has none
  }

  /** The highest current use sampled; null when none was. */
  Long sampledMemoryBytes() {
    return sampledMemory.get() > 0 ? sampledMemory.get() : null;
  }

  /**
   * What was used, with the best peak there is: the cgroup's own record first, then the engine's
   * high-water mark, then (said to be no peak) the highest sample.
   */
  Usage usage(CgroupRecord cgroup) {
    return new Usage(
        Usage.of(sampledMemoryBytes()),
        Usage.of(memoryLimit),
        Usage.of(cpu.get() >= 0 ? cpu.get() : null),
        Usage.of(pids.get() >= 0 ? pids.get() : null),
        peak(cgroup));
  }

  private Usage.MemoryPeak peak(CgroupRecord cgroup) {
    Usage.MemoryPeak cg =
        cgroup == null || !cgroup.available() || cgroup.peakBytes() == null
            ? null
            : new Usage.MemoryPeak(
                cgroup.peakBytes(),
                cgroup.complete()
                    ? Usage.MemoryPeak.Source.CGROUP_FINAL
                    : Usage.MemoryPeak.Source.CGROUP_WHILE_RUNNING);
    if (cg != null && cg.source() == Usage.MemoryPeak.Source.CGROUP_FINAL) {
      return cg;
    }
    long engineMax = engineMaxUsage.get();
    if (engineMax > 0 && (cg == null || engineMax > cg.bytes())) {
      return new Usage.MemoryPeak(engineMax, Usage.MemoryPeak.Source.ENGINE_MAX_USAGE);
    }
    if (cg != null) {
      return cg;
    }
    Long sampled = sampledMemoryBytes();
    return sampled == null ? null : new Usage.MemoryPeak(sampled, Usage.MemoryPeak.Source.SAMPLED);
  }
}
