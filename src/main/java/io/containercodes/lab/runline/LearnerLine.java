package io.containercodes.lab.runline;

/**
 * A learner's answer to an exercise as typed: the run line, optionally after the consent word, as
 * at try ({@code --i-understand podman run …}). The word is the learner's, never a flag of the
 * line.
 *
 * @param line the run line without the consent word (null when there is no learner's line)
 * @param consent the learner gave the consent word
 */
public record LearnerLine(String line, boolean consent) {
  /** The consent word a learner may put in front of an exercise line. */
  public static final String CONSENT_WORD = "--i-understand";

  /** Splits the consent word off what the learner typed; null stays null. */
  public static LearnerLine of(String written) {
    if (written != null) {
      String s = written.strip();
      if (s.equals(CONSENT_WORD) || s.startsWith(CONSENT_WORD + " ")) {
        return new LearnerLine(s.substring(CONSENT_WORD.length()).strip(), true);
      }
    }
    return new LearnerLine(written, false);
  }
}
