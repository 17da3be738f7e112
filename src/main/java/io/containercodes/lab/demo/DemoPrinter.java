package io.containercodes.lab.demo;

import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.render.OncePerSecond;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Wrapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * How a demo looks on the terminal while it runs and when it is done. Everything it prints that
 * came from a container or from content (a lesson pack is someone else's code) goes through {@link
 * SafeText}: escape sequences are shown, never obeyed.
 */
public final class DemoPrinter implements DemoRunner.Listener {
  private final PrintWriter out;
  private final boolean live;
  private final int width;

  /** A check that fails in the run without the protection: the harm it stops, shown happening. */
  static final String HARM_MARK = "⚠";

  /** Whether the run being printed is the one without its protection. */
  private boolean harm;

  public DemoPrinter(PrintWriter out, boolean live) {
    this(out, live, 100);
  }

  public DemoPrinter(PrintWriter out, boolean live, int width) {
    this.out = out;
    this.live = live;
    this.width = width;
  }

  private void wrapped(String first, String rest, String text) {
    Wrapper.wrap(SafeText.escape(text), width, first, rest).forEach(out::println);
  }

  public void header(Demo demo, DemoResult.Variant variant) {
    // a run without the protection is shown to see the harm: a check failing there is the harm
    // happening, not a mistake of the learner's
    harm = variant.mustFail() && variant.wrongLine() == null;
    out.println();
    out.println(
        SafeText.escapeLine(
            "▶ "
                + demo.title()
                + "  ["
                + demo.id()
                + "]"
                + (variant.mustFail() ? "  — " + variant.label() : "")));
    wrapped("  ", "  ", demo.proves());
    out.flush();
  }

  @Override
  public void step(Demo.Step step, String line) {
    out.println();
    out.println("  " + SafeText.escapeLine(step.title()));
    out.println("  $ " + SafeText.escapeLine(line));
    out.flush();
  }

  @Override
  public void helper(Demo.Helper helper, String line) {
    out.println(
        "  helper " + SafeText.escapeLine(helper.name()) + ", started first and removed after:");
    out.println("  $ " + SafeText.escapeLine(line));
    out.flush();
  }

  @Override
  public void notice(String text) {
    wrapped("  [cclab] ", "          ", text);
    out.flush();
  }

  @Override
  public void stdout(String text) {
    if (live) {
      out.print(indent(SafeText.escape(text)));
      out.flush();
    }
  }

  @Override
  public void stderr(String text) {
    stdout(text);
  }

  private final OncePerSecond gaugeTick = new OncePerSecond();

  /** A memory gauge against the limit, at most once a second, so the learner sees it climb. */
  @Override
  public void memory(long usedBytes, Long limitBytes) {
    if (!live || !gaugeTick.due()) {
      return;
    }
    String gauge = "";
    if (limitBytes != null && limitBytes > 0) {
      int filled = (int) Math.min(20, usedBytes * 20 / limitBytes);
      gauge =
          " ▕" + "█".repeat(filled) + "░".repeat(20 - filled) + "▏ of " + Bytes.human(limitBytes);
    }
    out.println("    · memory " + Bytes.human(usedBytes) + gauge);
    out.flush();
  }

  @Override
  public void result(Demo.Step step, List<CheckResult> results) {
    out.println();
    for (CheckResult r : results) {
      String mark = harm && r.status() == Status.FAIL ? HARM_MARK : r.status().mark();
      wrapped("  " + mark + " ", "    ", r.sentence());
    }
    out.flush();
  }

  public void summary(DemoResult r) {
    if (r.error() != null) {
      out.println("  ✗ the demo could not run: " + SafeText.escape(r.error()));
    } else if (r.allSkipped()) {
      out.println(
          "  – skipped: this host cannot show it ("
              + r.steps().get(0).checks().get(0).sentence().replaceFirst("^skipped: ", "")
              + ")");
    } else if (r.protectionsRemoved() && r.variant().wrongLine() == null && r.passed()) {
      out.println(
          "  "
              + HARM_MARK
              + " That is what "
              + SafeText.escapeLine(String.join(" ", r.variant().removed()))
              + " stops: "
              + failedChecks(r)
              + " check(s) failed without it.");
    } else if (r.protectionsRemoved()) {
      out.println((r.passed() ? "  ✓ " : "  ✗ ") + SafeText.escape(proofVerdict(r)));
    } else {
      out.println(
          r.passed()
              ? "  ✓ "
                  + r.count(Status.PASS)
                  + " check(s) passed"
                  + skipped(r)
                  + " in "
                  + seconds(r)
              : "  ✗ " + failedChecks(r) + " check(s) failed" + skipped(r));
    }
    out.flush();
  }

  /** The verdict on a learner's answer, after its checks (if it ran), in one or two lines. */
  public void verdict(Answer a) {
    String reason = SafeText.escape(a.reason().replaceFirst("^skipped: ", ""));
    out.println(
        switch (a.verdict()) {
          case PASSED -> "  ✓ Your line passes: every check held on the evidence.";
          case FAILED ->
              "  ✗ Your line fails: " + a.failedChecks().size() + " check(s) did not hold.";
          case REFUSED -> "  ✗ Refused, not judged: " + reason;
          case SKIPPED -> "  – Skipped, not passed: this host cannot judge it (" + reason + ")";
        });
    if (a.knownWrong() != null) {
      out.println("  A common wrong answer: " + a.knownWrong().because());
    }
    out.flush();
  }

  /**
   * One sentence on a proof or a wrong answer: failed as it must (and which checks), or held when
   * it must not.
   */
  public static String proofVerdict(DemoResult r) {
    if (r.refusal() != null) {
      return r.passed()
          ? "the wrong answer is refused before it runs, as it must be: " + r.refusal()
          : "the wrong answer is refused before it runs, so no check was shown to catch it: "
              + r.refusal();
    }
    if (r.variant().wrongLine() != null) {
      return r.passed()
          ? "the wrong answer fails, as it must: "
              + failedTypes(r.steps().stream().flatMap(s -> s.checks().stream()).toList())
          : "the wrong answer passes every check: the exercise cannot tell it from a right one";
    }
    String without = "without " + String.join(" ", r.variant().removed());
    if (!r.demo().saysWhatEachFlagProtects()) {
      return r.passed()
          ? without + ": " + failedChecks(r) + " check(s) failed, as they must"
          : without + ": every check still passed — the checks do not test what the demo claims";
    }
    List<CheckResult> tied = r.checksTiedToRemovedFlags();
    return r.passed()
        ? without + ": " + failedTypes(tied) + " failed, as they must"
        : without
            + ": "
            + (tied.isEmpty()
                ? "no check stands for " + String.join(" ", r.variant().removed())
                : "still passed: "
                    + tied.stream()
                        .filter(c -> c.status() != Status.FAIL)
                        .map(c -> c.check().type())
                        .toList()
                    + " — the flag does not protect what its check claims");
  }

  private static String failedTypes(List<CheckResult> checks) {
    return String.join(
        ", ",
        checks.stream().filter(c -> c.status() == Status.FAIL).map(c -> c.check().type()).toList());
  }

  public static long failedChecks(DemoResult r) {
    return r.count(Status.FAIL);
  }

  private static String skipped(DemoResult r) {
    long n = r.count(Status.SKIPPED);
    return n == 0 ? "" : ", " + n + " skipped";
  }

  public static String seconds(DemoResult r) {
    return String.format(Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0);
  }

  private static String indent(String text) {
    return text.replace("\n", "\n    ").replaceFirst("^", "    ").replaceAll("    $", "");
  }
}
