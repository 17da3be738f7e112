package io.containercodes.lab.admission;

import io.containercodes.lab.Quote;
import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.LineFlag;
import io.containercodes.lab.engine.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ceilings the lab adds when a line sets none, so a learner's experiment cannot take the machine
 * down: a runaway allocation or fork loop hits these instead of the host. They are announced, never
 * silent, and a line that sets its own limit keeps it.
 *
 * <p>A line that turns a limit off ({@code --memory 0}, {@code --pids-limit 0} or {@code -1}, a
 * memory limit larger than the machine) is told so in plain words, quoting its own value; the lab's
 * ceiling stays unless the user consented ({@code --i-understand}), because "no limit" on a shared
 * laptop is the harm the lessons warn about.
 */
final class SafetyCaps {
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
   * @param supplied each cap the lab put in the spec
   */
  record Applied(
      RunSpec spec, List<String> notes, List<String> overrides, List<Supplied> supplied) {}

  /**
   * @param written the line's own values, quoted in what is said
   */
  static Applied apply(RunSpec spec, Map<LineFlag, String> written) {
    return apply(spec, written, MACHINE_MEMORY);
  }

  private static final long MACHINE_MEMORY = machineMemory();

  /**
   * @param written the line's own values, quoted in what is said (a spec built in code has none)
   */
  static Applied apply(RunSpec spec, Map<LineFlag, String> written, long machineBytes) {
    Caps caps = new Caps(spec, written);
    caps.memory(machineBytes);
    caps.pids();
    caps.notes.addAll(caps.overrides);
    return new Applied(
        caps.b.build(),
        List.copyOf(caps.notes),
        List.copyOf(caps.overrides),
        List.copyOf(caps.supplied));
  }

  static Applied apply(RunSpec spec, long machineBytes) {
    return apply(spec, Map.of(), machineBytes);
  }

  /** One spec being capped, and what is said and supplied on the way. */
  private static final class Caps {
    final RunSpec spec;
    final Map<LineFlag, String> written;
    final RunSpec.Builder b;
    final List<String> notes = new ArrayList<>();
    final List<String> overrides = new ArrayList<>();
    final List<Supplied> supplied = new ArrayList<>();

    Caps(RunSpec spec, Map<LineFlag, String> written) {
      this.spec = spec;
      this.written = written;
      this.b = spec.toBuilder();
    }

    /** The flag and value as the line wrote them, or as the spec holds them. */
    String quoted(LineFlag flag, String fallback) {
      return flag.longName() + " " + Quote.input(written.getOrDefault(flag, fallback));
    }

    void memory(long machineBytes) {
      Long memory = spec.memoryBytes();
      if (memory == null) {
        capMemory(null);
        notes.add(
            "memory capped at " + Bytes.human(MEMORY) + " by the lab (the line sets no --memory)");
        return;
      }
      if (memory != 0 && (machineBytes <= 0 || memory <= machineBytes)) {
        return;
      }
      String line = quoted(LineFlag.MEMORY, memory == 0 ? "0" : Bytes.human(memory));
      String what =
          memory == 0
              ? line + " turns the memory limit off"
              : line
                  + " is more than this machine's "
                  + Bytes.human(machineBytes)
                  + ", so it limits nothing";
      if (spec.consent()) {
        overrides.add("no memory limit: " + what + " (you gave --i-understand)");
      } else {
        capMemory(written.getOrDefault(LineFlag.MEMORY, String.valueOf(memory)));
        overrides.add(what + "; the lab keeps its cap of " + Bytes.human(MEMORY) + CONSENT);
      }
    }

    private void capMemory(String lineValue) {
      b.memoryBytes(MEMORY);
      b.memorySwapBytes(MEMORY); // no swap on top: the cap is what the container gets
      supplied.add(new Supplied(Supplied.Kind.MEMORY, Bytes.human(MEMORY), lineValue));
    }

    void pids() {
      Long pids = spec.pidsLimit();
      if (pids == null) {
        b.pidsLimit(PIDS);
        supplied.add(new Supplied(Supplied.Kind.PIDS, String.valueOf(PIDS), null));
        notes.add("processes capped at " + PIDS + " by the lab (the line sets no --pids-limit)");
      } else if (pids <= 0) {
        String line = quoted(LineFlag.PIDS_LIMIT, String.valueOf(pids));
        if (spec.consent()) {
          overrides.add(
              "no process limit from the line or the lab: "
                  + line
                  + " turns it off (you gave "
                  + "--i-understand; an engine default, if any, still applies)");
        } else {
          b.pidsLimit(PIDS);
          supplied.add(
              new Supplied(
                  Supplied.Kind.PIDS,
                  String.valueOf(PIDS),
                  written.getOrDefault(LineFlag.PIDS_LIMIT, String.valueOf(pids))));
          overrides.add(
              line + " turns the process limit off; the lab keeps its cap of " + PIDS + CONSENT);
        }
      }
    }
  }

  /**
   * This machine's memory; the engine is local, so a limit above it limits nothing. 0 when unknown.
   */
  static long machineMemory() {
    // /proc/meminfo rather than the management beans, which load hundreds of classes at start-up
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      return lines
          .filter(l -> l.startsWith("MemTotal:"))
          .findFirst()
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
          .orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
