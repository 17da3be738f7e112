package io.containercodes.lab.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A container the lab's admission let through: the only thing {@link Engine#run} and {@link
 * Engine#startHelper} accept, so no spec reaches the engine without passing the one admission path
 * (parse, consent, guardrails, the exercise-folder rule, scratch copies, safety caps, the image).
 * Only the {@code admission} package constructs one; {@code ArchitectureTest} holds every other
 * class to that, and the engine still judges the spec's guardrails itself as defence in depth.
 *
 * <p>Beside the spec the engine gets, it keeps the spec as the line wrote it and a typed list of
 * what the lab supplied or substituted, so a verdict can tell the learner's protection from the
 * lab's: a safety cap is never the learner's memory limit, and a step the lab put on an internal
 * network was, as written, on the engine's default one.
 */
public final class AdmittedRun {
  /** Who asked for the container; the admission's rules and wording follow from it. */
  public enum Origin {
    /** A line typed at {@code try} (or the REPL's try). */
    LEARNER_TRY,
    /** A learner's answer to an exercise, in place of the demo's line. */
    EXERCISE,
    /** A step of a demo, from a lesson pack. */
    CONTENT_STEP,
    /** A helper container of a demo (a canary server), from a lesson pack. */
    CONTENT_HELPER,
    /** The audit's probe, started as the line configures it (the challenge's line is audited). */
    AUDIT,
    /** The challenge's development task, run with the participant's configuration. */
    CHALLENGE,
    /** {@code sandbox run}'s hardened container. */
    SANDBOX,
    /** A container of the lab's own making: a canary, a probe's helper. */
    LAB_PROBE
  }

  /**
   * One thing the lab supplied or substituted: the spec the engine gets differs from the line by
   * exactly these.
   *
   * @param value what the lab put there (a size, a network, a path, a reference)
   * @param lineValue what the line itself had there, or null when it set nothing
   */
  public record Supplied(Kind kind, String value, String lineValue) {
    public enum Kind {
      /** The lab's memory ceiling (with no swap on top), for a line without a usable limit. */
      MEMORY,
      /** The lab's process ceiling, for a line without a usable limit. */
      PIDS,
      /** The demo's network, joined in place of the engine's default by a step without one. */
      NETWORK,
      /** A network the demo declares, mapped to this run's own network of that name. */
      NETWORK_NAME,
      /** A {@code container:HELPER} join, mapped to that helper's container in this run. */
      JOIN_NAME,
      /** The name the lab gives a demo's helper container in this run, which a join names. */
      CONTAINER_NAME,
      /** A time limit the line did not set (a step's, try's {@code --timeout}, the default). */
      TIMEOUT,
      /** The image reference the engine runs, for a name of the lab's catalogue. */
      IMAGE,
      /** A mount pointed at this run's copy of a demo's scratch asset. */
      SCRATCH_MOUNT,
      /** The challenge's project copy mounted at /workspace in place of the line's. */
      WORKSPACE_MOUNT,
      /** The audit's probe in place of the line's command, with its kit mounted, no ports. */
      PROBE,
      /** The challenge's development task in place of the line's command. */
      TASK
    }

    public Supplied {
      Objects.requireNonNull(kind, "kind");
    }
  }

  private final RunSpec spec;
  private final RunSpec asWritten;
  private final Set<LineFlag> lineFlags;
  private final List<Supplied> supplied;
  private final List<String> notices;
  private final Origin origin;
  private final Guardrails.Admitted judged;

  /**
   * For the admission package only (ArchitectureTest).
   *
   * @param spec what the engine creates
   * @param asWritten the spec as the line (or the code that built it) wrote it, nothing supplied
   * @param lineFlags the flags the line itself set, from its parse
   * @param judged the engine's own rules' judgement of exactly {@code spec} but its image (which no
   *     rule reads), or null when none was made of it: {@link Engine#run} then judges the spec
   *     itself
   */
  public AdmittedRun(
      RunSpec spec,
      RunSpec asWritten,
      Set<LineFlag> lineFlags,
      List<Supplied> supplied,
      List<String> notices,
      Origin origin,
      Guardrails.Admitted judged) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.asWritten = Objects.requireNonNull(asWritten, "asWritten");
    this.lineFlags = Set.copyOf(lineFlags);
    this.supplied = List.copyOf(supplied);
    this.notices = List.copyOf(notices);
    this.origin = Objects.requireNonNull(origin, "origin");
    this.judged = judged;
  }

  /**
   * The judgement {@code rules} made of this run when it was admitted; empty when they made none
   * (other rules judged it, or the spec changed after), and the engine judges it then.
   */
  Optional<Guardrails.Judgement> judgedBy(Guardrails rules) {
    return judged != null && judged.by() == rules
        ? Optional.of(judged.judgement())
        : Optional.empty();
  }

  /** The spec the engine gets. */
  public RunSpec spec() {
    return spec;
  }

  /** The spec as the line wrote it: nothing the lab supplied or substituted. */
  public RunSpec asWritten() {
    return asWritten;
  }

  /** The line itself set this flag (known from its parse, not from its words). */
  public boolean lineSets(LineFlag flag) {
    return lineFlags.contains(flag);
  }

  /** The flags the line itself set. */
  public Set<LineFlag> lineFlags() {
    return lineFlags;
  }

  /** Everything the lab supplied or substituted, in the order it did. */
  public List<Supplied> supplied() {
    return supplied;
  }

  /** What the lab supplied of one kind (a run may have several scratch mounts). */
  public List<Supplied> supplied(Supplied.Kind kind) {
    return supplied.stream().filter(s -> s.kind() == kind).toList();
  }

  /** The lab supplied something of this kind. */
  public boolean supplies(Supplied.Kind kind) {
    return supplied.stream().anyMatch(s -> s.kind() == kind);
  }

  /** What to tell the user about this run (consent given, caps, how the lab runs a flag). */
  public List<String> notices() {
    return notices;
  }

  public Origin origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "AdmittedRun[" + origin + ", " + spec.image() + ", supplied " + supplied + "]";
  }
}
