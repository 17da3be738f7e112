package io.containercodes.lab.sandbox;

import io.containercodes.lab.engine.Bytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run an untrusted script. The defaults are the hardened ones; each field a user relaxes is
 * listed by {@link #relaxations()} so the command can announce it.
 *
 * @param trace watch the script's system calls (off with {@code --no-trace}: then the report says
 *     it did not observe, never that nothing was tried)
 * @param keepTrace where to copy the raw strace output, or null
 */
public record SandboxOptions(
    Path file,
    List<String> args,
    String image,
    boolean canaryNetwork,
    long memoryBytes,
    double cpus,
    long pids,
    Duration timeout,
    Path workspace,
    boolean writableWorkspace,
    boolean trace,
    Path keepTrace) {

  public static final long DEFAULT_MEMORY = 256L << 20;
  public static final double DEFAULT_CPUS = 0.5;
  public static final long DEFAULT_PIDS = 128;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** The hardened defaults for FILE, traced. */
  public static SandboxOptions defaults(Path file) {
    return new SandboxOptions(
        file,
        List.of(),
        null,
        false,
        DEFAULT_MEMORY,
        DEFAULT_CPUS,
        DEFAULT_PIDS,
        DEFAULT_TIMEOUT,
        null,
        false,
        true,
        null);
  }

  /** Sentences for every default the user relaxed. */
  public List<String> relaxations() {
    List<String> r = new java.util.ArrayList<>();
    if (canaryNetwork) {
      r.add(
          "network: the script is on a lab network whose only other host is a canary that answers"
              + " every DNS query with its own address and records every lookup and request"
              + " (nothing outside this machine is reachable)");
    }
    if (memoryBytes > DEFAULT_MEMORY) {
      r.add("memory raised to " + Bytes.human(memoryBytes));
    }
    if (cpus > DEFAULT_CPUS) {
      r.add("CPU raised to " + cpus);
    }
    if (pids > DEFAULT_PIDS) {
      r.add("process limit raised to " + pids);
    }
    if (timeout.compareTo(DEFAULT_TIMEOUT) > 0) {
      r.add("timeout raised to " + timeout.toSeconds() + " s");
    }
    if (workspace != null && writableWorkspace) {
      r.add(
          "the workspace "
              + workspace
              + " is writable: the script can change or delete your files there");
    }
    if (!trace) {
      r.add("not traced (--no-trace): the report cannot say what it tried");
    }
    return r;
  }
}
