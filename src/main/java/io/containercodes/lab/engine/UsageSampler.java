package io.containercodes.lab.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows a container's stats and keeps the peaks. Best effort: a container that exits first has
 * none, and its values then stay empty.
 */
final class UsageSampler extends ResultCallback.Adapter<Statistics> {
  private final AtomicLong peakMemory = new AtomicLong(-1);
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
    Long used = max(s.getMemoryStats().getUsage(), s.getMemoryStats().getMaxUsage());
    if (used != null && used > 0) {
      peakMemory.accumulateAndGet(used, Math::max);
      listener.memory(used, memoryLimit);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    // stats are best effort: a container that exits first has none
  }

  /** The highest memory use seen; null when none was (what {@link OomVerdict} expects). */
  Long peakMemoryBytes() {
    return peakMemory.get() > 0 ? peakMemory.get() : null;
  }

  Usage usage() {
    return new Usage(
        Usage.of(peakMemoryBytes()),
        Usage.of(memoryLimit),
        Usage.of(cpu.get() >= 0 ? cpu.get() : null),
        Usage.of(pids.get() >= 0 ? pids.get() : null));
  }

  private static Long max(Long a, Long b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.max(a, b);
  }
}
