package io.containercodes.lab.check;

import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.OomVerdict;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.Usage;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Checks on the container's end: exit status, OOM kill, timeout, duration. */
final class OutcomeChecks {
  private OutcomeChecks() {}

  /** {@code exit-code: 0} or {@code exit-code: nonzero}. */
  record ExitCode(Integer expected) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.EXIT_CODE;
    }

    @Override
    public String expectation() {
      return expected == null
          ? "the command fails (non-zero exit status)"
          : "the command exits with status " + expected;
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      int code = e.outcome().exitCode();
      boolean ok = expected == null ? code != 0 : code == expected;
      String what = expected == null ? "a non-zero exit status" : "exit status " + expected;
      return ok
          ? CheckResult.pass(this, "Exited with status " + code + ", as expected.")
          : CheckResult.fail(this, "Expected " + what + ", got " + code + describe(e));
    }

    private static String describe(Evidence e) {
      return e.outcome().oomKilled()
          ? " (the memory limit killed it)."
          : e.outcome().timedOut() ? " (it timed out)." : ".";
    }
  }

  /** {@code oom-killed: true|false}. */
  record OomKilled(boolean expected) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.OOM_KILLED;
    }

    @Override
    public String expectation() {
      return expected
          ? "the memory limit kills the process"
          : "the process is not killed for memory";
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      Outcome o = e.outcome();
      if (e.supplied() != null || e.line() != null) {
        // the sentence says whose limit it was: the lab's safety cap when the admission recorded
        // one (also over a line's --memory 0), else the line's when it set one
        boolean labCap =
            e.labSupplied(AdmittedRun.Supplied.Kind.MEMORY).isPresent()
                || e.line() == null
                || e.line().memoryBytes() == null
                || e.line().memoryBytes() <= 0;
        o =
            o.withLimitOrigin(
                labCap ? OomVerdict.LimitOrigin.LAB_CAP : OomVerdict.LimitOrigin.LINE);
      }
      return judge(o);
    }

    private CheckResult judge(Outcome o) {
      if (o.oomKilled() == expected) {
        return CheckResult.pass(
            this,
            expected
                ? "The OOM killer stopped it: " + o.oomEvidence() + "."
                : "It was not killed for memory (" + o.oomEvidence() + ").");
      }
      return CheckResult.fail(
          this,
          expected
              ? "Expected the OOM killer to stop it, but the record says: "
                  + o.oomEvidence()
                  + (o.usage().memoryLimitBytes().isEmpty() ? " — there was no memory limit." : ".")
              : "The OOM killer stopped it: " + o.oomEvidence() + ".");
    }
  }

  /** {@code timed-out: true|false}. */
  record TimedOut(boolean expected) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.TIMED_OUT;
    }

    @Override
    public String expectation() {
      return expected ? "the lab's timeout stops it" : "it finishes before the timeout";
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      boolean t = e.outcome().timedOut();
      return t == expected
          ? CheckResult.pass(
              this, t ? "It ran until the timeout killed it." : "It finished in time.")
          : CheckResult.fail(
              this,
              t
                  ? "It was still running when the timeout killed it."
                  : "Expected it to run until the timeout, but it exited with status "
                      + e.outcome().exitCode()
                      + ".");
    }
  }

  /** {@code duration-under: 10s}. */
  record DurationUnder(Duration limit) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.DURATION_UNDER;
    }

    @Override
    public String expectation() {
      return "it finishes within " + limit.toSeconds() + " s";
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      Duration d = e.outcome().duration();
      String took = String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
      return d.compareTo(limit) < 0
          ? CheckResult.pass(this, "It took " + took + ".")
          : CheckResult.fail(this, "It took " + took + ", not under " + limit.toSeconds() + " s.");
    }
  }

  /** {@code peak-memory-under: 64m}: passes only when the engine reported memory use. */
  record PeakMemoryUnder(long bytes) implements Check {
    @Override
    public CheckKind kind() {
      return CheckKind.PEAK_MEMORY_UNDER;
    }

    @Override
    public String expectation() {
      return "memory use stays under " + Bytes.human(bytes);
    }

    @Override
    public CheckResult evaluate(Evidence e) {
      Optional<Usage.MemoryPeak> seen = e.outcome().usage().peak();
      if (seen.isEmpty()) {
        return CheckResult.skipped(this, "the engine and the kernel reported no memory figures");
      }
      Usage.MemoryPeak peak = seen.get();
      if (peak.bytes() >= bytes) {
        // even a sample is a lower bound of the peak: at or over the mark is over it
        return CheckResult.fail(
            this,
            "Memory use reached " + peak.describe() + ", not under " + Bytes.human(bytes) + ".");
      }
      return peak.recorded()
          ? CheckResult.pass(
              this, "Memory use stayed under " + Bytes.human(bytes) + ": " + peak.describe() + ".")
          : CheckResult.skipped(
              this,
              "there is no recorded peak to compare with "
                  + Bytes.human(bytes)
                  + ": "
                  + peak.describe());
    }
  }
}
