package io.containercodes.lab.engine;

import java.nio.file.Path;

/**
 * What each of {@link FactProbe}'s readings means, one topic a method. A value the lab cannot read
 * is unknown, never a yes. Cgroup files as the kernel documents them
 * (Documentation/admin-guide/cgroup-v1/memory.rst, pids.rst, scheduler/sched-bwc.rst;
 * cgroup-v2.rst): an unlimited memory cgroup on v1 shows PAGE_COUNTER_MAX in bytes
 * (9223372036854771712 on 4 KiB pages), on v2 {@code max}; {@code cpu.cfs_quota_us} is -1 without a
 * quota.
 */
final class ProbeReading {
  private ProbeReading() {}

  static final String CGROUP = FactProbe.PROBE + ", its own cgroup";

  /** The 48 MiB allocation decides; where its status says neither, the cgroup's limit does. */
  static Fact memory(ProbeLines p, boolean v2, Outcome o) {
    String file = v2 ? "memory.max" : "memory.limit_in_bytes";
    String limit = p.get("memory");
    String alloc = p.get("alloc");
    String readBack = " (" + file + " reads " + limit + ")";
    if ("137".equals(alloc)) {
      return Fact.measured(
          true,
          FactProbe.PROBE,
          "48 MiB allocated under --memory 32m was killed (SIGKILL)" + readBack);
    }
    if ("0".equals(alloc)) {
      return Fact.measured(
          false,
          FactProbe.PROBE,
          "48 MiB allocated under --memory 32m --memory-swap 32m ran to the end" + readBack);
    }
    if (alloc == null && o.oom().oomKilled()) {
      return Fact.measured(
          true,
          FactProbe.PROBE,
          "the probe was killed while it allocated 48 MiB under --memory 32m: "
              + o.oom().evidence()
              + readBack);
    }
    return fromValue(bytes(limit), FactProbe.MEMORY, file + " reads " + limit, "--memory 32m");
  }

  /**
   * v1: {@code memory.memsw.limit_in_bytes} is memory plus swap (32 MiB for --memory-swap 32m);
   * without swap accounting the file is missing and --memory-swap cannot act. v2: {@code
   * memory.swap.max} is the swap alone (0 for --memory-swap equal to --memory).
   */
  static Fact swap(ProbeLines p, boolean v2, Fact memory) {
    String v = p.get("swap");
    String file = v2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes";
    if ("missing".equals(v) && memory.isYes()) {
      return Fact.measured(
          false,
          CGROUP,
          "the container's cgroup has no "
              + file
              + ": the kernel accounts no swap, so --memory-swap"
              + " cannot act (swapaccount=1 on the kernel's command line turns it on)");
    }
    return fromValue(
        bytes(v), v2 ? 0 : FactProbe.MEMORY, file + " reads " + v, "--memory-swap 32m");
  }

  /** The processes alive after 48 were started under a limit of 32. */
  static Fact pids(ProbeLines p) {
    String procs = p.get("procs");
    long alive;
    try {
      alive = Long.parseLong(procs);
    } catch (NumberFormatException | NullPointerException e) {
      String max = p.get("pids");
      return fromValue(bytes(max), FactProbe.PIDS, "pids.max reads " + max, "--pids-limit 32");
    }
    return Fact.measured(
        alive <= FactProbe.PIDS,
        FactProbe.PROBE,
        alive
            + " processes alive after 48 were started under --pids-limit 32 (pids.max reads "
            + p.get("pids")
            + ")");
  }

  static Fact cpu(ProbeLines p, boolean v2) {
    String v = p.get("cpu");
    String file = v2 ? "cpu.max" : "cpu.cfs_quota_us and cpu.cfs_period_us";
    if (v == null) {
      return Fact.unknown(FactProbe.PROBE + " did not read " + file);
    }
    if ("missing".equals(v)) {
      return Fact.measured(false, CGROUP, "the container's cgroup has no " + file);
    }
    String[] parts = v.split("\\s+");
    boolean set =
        parts.length == 2
            && parts[0].equals(String.valueOf(FactProbe.CPU_QUOTA))
            && parts[1].equals(String.valueOf(FactProbe.CPU_PERIOD));
    boolean none = parts[0].equals("max") || parts[0].equals("-1");
    if (!set && !none) {
      return Fact.unknown(CGROUP + ": " + file + " reads " + v + ", not what --cpus 0.5 sets");
    }
    return Fact.measured(set, CGROUP, file + " reads " + v + " under --cpus 0.5");
  }

  static Fact hostFiles(String seen, String nonce, Path canary) {
    if (nonce.equals(seen)) {
      return Fact.measured(
          true,
          FactProbe.PROBE,
          "a fresh file the lab wrote in " + canary.getParent() + " read back");
    }
    if ("denied".equals(seen) || seen == null) {
      return Fact.unknown(
          FactProbe.PROBE
              + (seen == null
                  ? " did not read the lab's file"
                  : " was denied the lab's file (SELinux or permissions)")
              + ", so whether the engine sees "
              + canary.getParent()
              + " is unknown");
    }
    return Fact.measured(
        false,
        FactProbe.PROBE,
        "a fresh file the lab wrote in "
            + canary.getParent()
            + " was "
            + ("missing".equals(seen) ? "missing" : "different")
            + " in the container's mount of its folder: the engine does not see the lab's files"
            + " there, as a remote engine or a VM without this folder shared does not");
  }

  /** The value in bytes ({@code max}: unlimited), or {@link #MISSING} when there is none. */
  private static long bytes(String v) {
    if (v == null || v.equals("missing")) {
      return MISSING;
    }
    if (v.equals("max")) {
      return Long.MAX_VALUE;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return MISSING;
    }
  }

  private static final long MISSING = -1;

  /** Above this a limit is "none": v1 writes its unlimited as PAGE_COUNTER_MAX pages in bytes. */
  private static final long UNLIMITED = 1L << 50;

  private static Fact fromValue(long value, long expected, String said, String flag) {
    if (value == expected) {
      return Fact.measured(true, CGROUP, said + " under " + flag);
    }
    if (value >= UNLIMITED) {
      return Fact.measured(false, CGROUP, said + " under " + flag + ": no limit");
    }
    return Fact.unknown(
        CGROUP
            + ": "
            + said
            + (value == MISSING ? "" : ", not what " + flag + " sets")
            + ", so whether "
            + flag.substring(0, flag.indexOf(' '))
            + " acts is unknown");
  }
}
