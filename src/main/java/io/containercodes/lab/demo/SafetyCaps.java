package io.containercodes.lab.demo;

import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.RunSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Ceilings the lab adds when a line sets none, so a learner's experiment cannot take the
 * machine down: a runaway allocation or fork loop hits these instead of the host. They are
 * announced, never silent, and a line that sets its own limit keeps it.
 */
public final class SafetyCaps {
  public static final long MEMORY = 1L << 30;
  public static final long PIDS = 1024;

  private SafetyCaps() {}

  public record Applied(RunSpec spec, List<String> notes) {}

  public static Applied apply(RunSpec spec) {
    List<String> notes = new ArrayList<>();
    RunSpec.Builder b = spec.toBuilder();
    if (spec.memoryBytes() == null) {
      b.memoryBytes(MEMORY);
      if (spec.memorySwapBytes() == null) {
        b.memorySwapBytes(MEMORY);
      }
      notes.add("memory capped at " + Bytes.human(MEMORY) + " by the lab (the line sets no --memory)");
    }
    if (spec.pidsLimit() == null) {
      b.pidsLimit(PIDS);
      notes.add("processes capped at " + PIDS + " by the lab (the line sets no --pids-limit)");
    }
    return new Applied(b.build(), List.copyOf(notes));
  }
}
