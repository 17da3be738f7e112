package io.containercodes.lab.cli;

/** The lab's exit statuses, in one place so scripts and docs can rely on them. */
public final class ExitCode {
  /** Everything asked for worked. */
  public static final int OK = 0;

  /** What was asked ran but did not succeed, e.g. a check failed or the engine refused. */
  public static final int FAILED = 1;

  /** The command line was wrong: unknown option, bad value, unsupported run flag. */
  public static final int USAGE = 2;

  /**
   * Not judged: a demo this host can show none of, or an exercise answer refused (it changes the
   * exercise's workload, or breaks a guardrail) or skipped. Never a pass; the same number as {@link
   * #USAGE}, since a refused line is a line the lab would not take.
   */
  public static final int SKIPPED = 2;

  /** The machine cannot run the lab: no engine, no image, a missing tool. */
  public static final int ENVIRONMENT = 3;

  /** {@code sandbox run --strict}: the script tried something the sandbox had to stop. */
  public static final int CONTAINED = 4;

  /** Interrupted by Ctrl-C (128 + SIGINT), as shells report it. */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
