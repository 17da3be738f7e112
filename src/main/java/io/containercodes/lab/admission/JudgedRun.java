package io.containercodes.lab.admission;

import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.AdmittedRun.Supplied;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.LimitSupport;
import io.containercodes.lab.engine.LineFlag;
import io.containercodes.lab.engine.RunSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request the admission has judged on the host, with no engine: parsed, consent applied, the
 * guardrails and the exercise-folder rule passed, scratch mounts redirected, caps, network and time
 * limit supplied. Not runnable: {@link Admission#complete} judges it against the engine it will run
 * on and resolves its image. A demo judges every line this way before it creates anything, so a
 * refused line leaves nothing behind.
 */
public final class JudgedRun {
  private final Origin origin;
  private final RunSpec spec;
  private final RunSpec asWritten;
  private final Set<LineFlag> lineFlags;
  private final List<Supplied> supplied;
  private final List<String> notices;
  private final List<String> capNotices;
  private final String headline;

  JudgedRun(
      Origin origin,
      RunSpec spec,
      RunSpec asWritten,
      Set<LineFlag> lineFlags,
      List<Supplied> supplied,
      List<String> notices,
      List<String> capNotices,
      String headline) {
    this.origin = origin;
    this.spec = spec;
    this.asWritten = asWritten;
    this.lineFlags = Set.copyOf(lineFlags);
    this.supplied = List.copyOf(supplied);
    this.notices = List.copyOf(notices);
    this.capNotices = List.copyOf(capNotices);
    this.headline = headline;
  }

  public Origin origin() {
    return origin;
  }

  /** What to tell the user: consent relied on, caps a line turned off, how the lab runs a flag. */
  public List<String> notices() {
    return notices;
  }

  /**
   * What the lab's caps are worth on an engine, when that must be said: where its limits do not
   * act, the caps announced (added, or kept against a line that turns a limit off) are not there in
   * effect, and this sentence says so — no cap is claimed that does not act. Empty where they act
   * or none was announced.
   */
  public Optional<String> capsOn(LimitSupport limits) {
    if (limits.limits().acts() || capNotices.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "the lab's caps ("
            + Bytes.human(SafetyCaps.MEMORY)
            + " of memory, "
            + SafetyCaps.PIDS
            + " processes) do not act on this engine, nor would a limit the line sets: "
            + limits.limits().reason()
            + ". Nothing but the time limit stops a runaway allocation or fork loop here.");
  }

  /** The spec as far as the host could judge it (its image not yet resolved). */
  RunSpec spec() {
    return spec;
  }

  /** The spec as the line wrote it: nothing the lab supplied. */
  public RunSpec asWritten() {
    return asWritten;
  }

  Set<LineFlag> lineFlags() {
    return lineFlags;
  }

  List<Supplied> supplied() {
    return supplied;
  }

  /** The first line of a refusal of this run, for the engine side's judgement. */
  String headline() {
    return headline;
  }
}
