package io.containercodes.lab.engine;

/**
 * One yes/no fact about the engine, or unknown, with where the lab learned it. The lab never shows
 * an unknown as a yes: a fact it could not establish stays {@link Answer#UNKNOWN}, with the reason
 * in {@link #detail}.
 *
 * @param answer yes, no or unknown
 * @param source where it was read ("GET /libpod/info host.security.rootless"), or, when unknown,
 *     where the lab looked
 * @param detail what it means or why it is unknown; may be empty
 * @param basis whether it comes from the engine's own record of itself or from a measurement (a
 *     probe container whose effect the lab read back)
 */
public record Fact(Answer answer, String source, String detail, Basis basis) {
  public enum Answer {
    YES,
    NO,
    UNKNOWN
  }

  /**
   * A record is what the engine says about itself (its info endpoints), which it can get wrong:
   * Podman's compat info claims limits that rootless cgroup v1 ignores. A measurement is a probe's
   * effect read back by the lab; where both exist, the measurement wins ({@link
   * EngineFacts#withMeasured}).
   */
  public enum Basis {
    RECORD,
    MEASURED,
    NONE
  }

  public static Fact yes(String source, String detail) {
    return new Fact(Answer.YES, source, detail, Basis.RECORD);
  }

  public static Fact no(String source, String detail) {
    return new Fact(Answer.NO, source, detail, Basis.RECORD);
  }

  public static Fact of(boolean value, String source, String detail) {
    return value ? yes(source, detail) : no(source, detail);
  }

  public static Fact unknown(String why) {
    return new Fact(Answer.UNKNOWN, "", why, Basis.NONE);
  }

  public static Fact measured(boolean value, String probe, String detail) {
    return new Fact(value ? Answer.YES : Answer.NO, probe, detail, Basis.MEASURED);
  }

  public boolean isYes() {
    return answer == Answer.YES;
  }

  public boolean isNo() {
    return answer == Answer.NO;
  }

  public boolean isUnknown() {
    return answer == Answer.UNKNOWN;
  }

  /** "yes", "no" or "unknown", for a report. */
  public String word() {
    return answer.name().toLowerCase(java.util.Locale.ROOT);
  }
}
