package io.containercodes.lab.admission;

import io.containercodes.lab.Quote;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.Guardrails;

/**
 * What follows from who asked: the words of a refusal, and whether the lab's safety caps apply and
 * are said. One place, so try, an exercise, a lesson pack, the audit and the sandbox refuse in the
 * same shape and differ only where their situation does.
 */
final class OriginRules {
  private OriginRules() {}

  /** Whether the safety caps apply, and what of them is said. */
  enum Caps {
    /** The line runs as configured: the audit scores its limits, the sandbox sets its own. */
    NONE,
    /** Applied without a word (the challenge's task: the audit already scored their absence). */
    SILENT,
    /** Applied; only a line that turns a limit off is told (each step of a demo). */
    OVERRIDES,
    /** Applied and announced (try, which runs one line). */
    ALL
  }

  static final String TRY_FIX = "If this is what you mean to study, add --i-understand before --.";
  static final String CONTENT_FIX =
      "A lesson pack is code from someone else. If you trust it with this, run it "
          + "again with --i-understand.";
  static final String LEARNER_FIX =
      "An exercise never needs this. If you mean to study it, start your line with "
          + "--i-understand, as at try.";
  static final String AUDIT_HEADLINE =
      "The audit starts the container as configured, and this line hands it the host:";
  static final String AUDIT_FIX =
      "The probe only looks, but the container still gets what the line gives it. To audit it"
          + " anyway, add --i-understand before --.";
  static final String SANDBOX_HEADLINE = "The sandbox will not mount this workspace or script:";
  static final String SANDBOX_FIX =
      "Give the project directory the script needs, nothing above it, and keep the script out of"
          + " the host's system folders.";
  static final String LAB_FIX = "If this is what you mean to study, add --i-understand.";

  /** The first line of a refusal; {@code name} is a helper's, for a helper's line. */
  static String headline(Origin origin, String name) {
    return switch (origin) {
      case CONTENT_HELPER ->
          Guardrails.REFUSED.replace("this line", "the line of its helper " + Quote.input(name));
      case AUDIT, CHALLENGE -> AUDIT_HEADLINE;
      case SANDBOX -> SANDBOX_HEADLINE;
      default -> Guardrails.REFUSED;
    };
  }

  /** What a refused user can do about it. */
  static String fix(Origin origin) {
    return switch (origin) {
      case LEARNER_TRY -> TRY_FIX;
      case EXERCISE -> LEARNER_FIX;
      case CONTENT_STEP, CONTENT_HELPER -> CONTENT_FIX;
      case AUDIT, CHALLENGE -> AUDIT_FIX;
      case SANDBOX -> SANDBOX_FIX;
      case LAB_PROBE -> LAB_FIX;
    };
  }

  static Caps caps(Origin origin) {
    return switch (origin) {
      case LEARNER_TRY -> Caps.ALL;
      case EXERCISE, CONTENT_STEP, CONTENT_HELPER -> Caps.OVERRIDES;
      case CHALLENGE -> Caps.SILENT;
      case AUDIT, SANDBOX, LAB_PROBE -> Caps.NONE;
    };
  }
}
