package io.containercodes.lab.cli;

import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.LimitSupport;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.Usage;
import io.containercodes.lab.render.Wrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** One line that says how a run ended, for people. */
final class OutcomeSummary {
  private OutcomeSummary() {}

  static String format(Outcome o) {
    return format(o, null);
  }

  /**
   * @param limits whether limits act on the engine it ran on; where they do not, no memory figure
   *     is shown (the engine's stats are not the container's there) and that is said
   */
  static String format(Outcome o, LimitSupport limits) {
    List<String> parts = new ArrayList<>();
    parts.add("exit " + o.exitCode());
    if (o.timedOut()) {
      parts.add("timed out: the lab killed it");
    } else if (o.oomKilled()) {
      parts.add("OOM-killed (" + o.oomEvidence() + ")");
    }
    parts.add(String.format(Locale.ROOT, "%.2f s", o.duration().toNanos() / 1e9));
    if (limits != null && !limits.limits().acts()) {
      parts.add("no memory figure: " + limits.limits().reason());
      return finish(o, parts);
    }
    OptionalLong limit = o.usage().memoryLimitBytes();
    // a peak only where the kernel or the engine recorded one: a once-a-second sample beside a
    // limit reads as "it stayed far below", which it may not have
    o.usage()
        .peak()
        .filter(Usage.MemoryPeak::recorded)
        .ifPresentOrElse(
            p ->
                parts.add(
                    "memory: "
                        + p.describe()
                        + (limit.isEmpty()
                            ? ", no memory limit"
                            : " of a " + Bytes.human(limit.getAsLong()) + " limit")),
            () ->
                parts.add(
                    limit.isPresent()
                        ? "memory limit " + Bytes.human(limit.getAsLong()) + " (no recorded peak)"
                        : "no memory limit"));
    return finish(o, parts);
  }

  /**
   * The summary as printed: in the REPL ({@code width} present) wrapped to the window like the rest
   * of the lab's text, since the terminal broke it inside a word where a long memory sentence made
   * it wider (LessonWalkIT on Docker); elsewhere one line, whole for whatever reads it.
   */
  static List<String> lines(Outcome o, LimitSupport limits, OptionalInt width) {
    String summary = format(o, limits);
    return width.isPresent()
        ? Wrapper.wrap(summary, width.getAsInt(), "", "        ")
        : List.of(summary);
  }

  private static String finish(Outcome o, List<String> parts) {
    if (o.stdout().truncated() || o.stderr().truncated()) {
      parts.add("output truncated in the record (all of it was shown)");
    }
    return "[cclab] " + String.join(" · ", parts);
  }
}
