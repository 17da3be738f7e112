package io.containercodes.lab.demo;

import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Ceilings the lab adds when a line sets none, so a learner's experiment cannot take the machine
 * down: a runaway allocation or fork loop hits these instead of the host. They are announced, never
 * silent, and a line that sets its own limit keeps it.
 *
 * <p>A line that turns a limit off ({@code --memory 0}, {@code --pids-limit 0} or {@code -1}, a
 * memory limit larger than the machine) is told so in plain words; the lab's ceiling stays unless
 * the user consented ({@code --i-understand}), because "no limit" on a shared laptop is the harm
 * the lessons warn about.
 */
public final class SafetyCaps {
  public static final long MEMORY = 1L << 30;
  public static final long PIDS = 1024;
  private static final String CONSENT = " (add --i-understand to run without it)";

  private SafetyCaps() {}

  /**
   * A spec with the lab's caps, and what was said about them.
   *
   * @param notes everything added or kept, for a command that runs one line (try)
   * @param overrides only what concerns a line that turns a limit off: worth saying even where the
   *     lab's ordinary caps go without saying (each step of a demo)
   */
  public record Applied(RunSpec spec, List<String> notes, List<String> overrides) {}

  public static Applied apply(RunSpec spec) {
    return apply(spec, machineMemory());
  }

  static Applied apply(RunSpec spec, long machineBytes) {
    List<String> notes = new ArrayList<>();
    List<String> overrides = new ArrayList<>();
    RunSpec.Builder b = spec.toBuilder();
    Long memory = spec.memoryBytes();
    if (memory == null) {
      capMemory(b);
      notes.add(
          "memory capped at " + Bytes.human(MEMORY) + " by the lab (the line sets no --memory)");
    } else if (memory == 0 || (machineBytes > 0 && memory > machineBytes)) {
      String what =
          memory == 0
              ? "--memory 0 turns the memory limit off"
              : "--memory "
                  + Bytes.human(memory)
                  + " is more than this machine's "
                  + Bytes.human(machineBytes)
                  + ", so it limits nothing";
      if (spec.consent()) {
        overrides.add("no memory limit: " + what + " (you gave --i-understand)");
      } else {
        capMemory(b);
        overrides.add(what + "; the lab keeps its cap of " + Bytes.human(MEMORY) + CONSENT);
      }
    }
    Long pids = spec.pidsLimit();
    if (pids == null) {
      b.pidsLimit(PIDS);
      notes.add("processes capped at " + PIDS + " by the lab (the line sets no --pids-limit)");
    } else if (pids <= 0) {
      if (spec.consent()) {
        overrides.add(
            "no process limit from the line or the lab: --pids-limit "
                + pids
                + " turns it off (you gave "
                + "--i-understand; an engine default, if any, still applies)");
      } else {
        b.pidsLimit(PIDS);
        overrides.add(
            "--pids-limit "
                + pids
                + " turns the process limit off; the lab keeps its cap of "
                + PIDS
                + CONSENT);
      }
    }
    notes.addAll(overrides);
    return new Applied(b.build(), List.copyOf(notes), List.copyOf(overrides));
  }

  private static void capMemory(RunSpec.Builder b) {
    b.memoryBytes(MEMORY);
    b.memorySwapBytes(MEMORY); // no swap on top: the cap is what the container gets
  }

  /**
   * This machine's memory; the engine is local, so a limit above it limits nothing. 0 when unknown.
   */
  static long machineMemory() {
    // /proc/meminfo rather than the management beans, which load hundreds of classes at start-up
    try (java.util.stream.Stream<String> lines =
        java.nio.file.Files.lines(java.nio.file.Path.of("/proc/meminfo"))) {
      return lines
          .filter(l -> l.startsWith("MemTotal:"))
          .findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
          .orElse(0L);
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }
}
