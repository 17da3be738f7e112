package io.containercodes.lab.engine;

/**
 * What the kernel's memory cgroup of one container recorded, as the lab read it from the host while
 * the container existed (see {@link CgroupWatch}).
 *
 * @param oomKills processes the OOM killer ended in the cgroup ({@code oom_kill} of cgroup v1's
 *     memory.oom_control, of v2's memory.events)
 * @param peakBytes the cgroup's high-water mark of memory use (v1 memory.max_usage_in_bytes, v2
 *     memory.peak where the kernel has it, 5.19 on); null when it has none
 * @param complete the last read came after every process of the cgroup had ended, so the counts are
 *     final; otherwise they are what the cgroup had recorded by the last read
 * @param unavailable why nothing could be read (the engine runs elsewhere, the cgroup was gone
 *     before the lab found it); null when something was
 */
public record CgroupRecord(long oomKills, Long peakBytes, boolean complete, String unavailable) {
  public static CgroupRecord unavailable(String why) {
    return new CgroupRecord(0, null, false, why);
  }

  public boolean available() {
    return unavailable == null;
  }
}
