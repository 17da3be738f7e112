package io.containercodes.lab.demo;

import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.render.CommandWrap;
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

  /** The flags that run removed; and whether the demo says which check each flag protects. */
  private List<String> removed = List.of();

  private boolean saysEach;

  /** --verbose: under each check, what it expects as the demo file states it (a regex, say). */
  private boolean verbose;

  /** Shows, under each check, what it expects, as the demo file states it; for --verbose. */
  public DemoPrinter verbose(boolean value) {
    this.verbose = value;
    return this;
  }

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

  public synchronized void header(Demo demo, DemoResult.Variant variant) {
    // a run without the protection is shown to see the harm: a check failing there is the harm
    // happening, not a mistake of the learner's
    harm = variant.mustFail() && variant.wrongLine() == null;
    removed = variant.removed();
    saysEach = demo.saysWhatEachFlagProtects();
    endLine();
    out.println();
    wrapped(
        "▶ ",
        "  ",
        SafeText.escapeLine(demo.title())
            + "  ["
            + SafeText.escapeLine(demo.id())
            + "]"
            + (variant.mustFail() ? "  — " + SafeText.escapeLine(variant.label()) : ""));
    wrapped("  ", "  ", demo.proves());
    out.flush();
  }

  @Override
  public synchronized void step(Demo.Step step, String line) {
    endLine();
    out.println();
    wrapped("  ", "  ", step.title());
    command(line);
    out.flush();
  }

  @Override
  public synchronized void helper(Demo.Helper helper, String line) {
    endLine();
    wrapped(
        "  ",
        "    ",
        "helper " + SafeText.escapeLine(helper.name()) + ", started first and removed after:");
    command(line);
    out.flush();
  }

  /** A run line as a shell user would break it: at spaces outside quotes, with {@code \}. */
  private void command(String line) {
    CommandWrap.wrap(SafeText.escapeLine(line), width, "  $ ", "      ").forEach(out::println);
  }

  @Override
  public synchronized void notice(String text) {
    endLine();
    wrapped("  [cclab] ", "          ", text);
    out.flush();
  }

  /**
   * The container's output, live, indented four spaces per line and otherwise as it came: the
   * indent goes where a line starts, wherever the engine's frames happen to cut the text (issue
   * #25.5: an indent per chunk put spaces inside lines, GHSA-gmj6-6f8f -6699).
   */
  @Override
  public synchronized void stdout(String text) {
    if (live) {
      out.print(indented(SafeText.escape(text)));
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
  public synchronized void memory(long usedBytes, Long limitBytes) {
    if (!live || !gaugeTick.due()) {
      return;
    }
    endLine();
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
  public synchronized void result(Demo.Step step, List<CheckResult> results) {
    endLine();
    out.println();
    for (CheckResult r : results) {
      boolean failed = r.status() == Status.FAIL;
      if (harm && failed && !isHarm(r, removed, saysEach)) {
        // a check that holds either way, failing only because the flag is gone: another outcome,
        // not the harm the flag stops (the seccomp demo's "ASLR switch: blocked" is safer)
        wrapped(
            "  " + OTHER_OUTCOME_MARK + " ",
            "    ",
            r.sentence() + " (a different outcome without " + String.join(" ", removed) + ")");
      } else {
        wrapped(
            "  " + (harm && failed ? HARM_MARK : r.status().mark()) + " ", "    ", r.sentence());
      }
      if (verbose) {
        wrapped("      expects: ", "      ", r.check().expectation());
      }
    }
    out.flush();
  }

  /** A check failing without the protection that is not harm: it stands for no removed flag. */
  static final String OTHER_OUTCOME_MARK = "·";

  /**
   * Whether a check that failed in the run without {@code removed} is the harm those flags stop: it
   * stands for one of them ({@code by:}); in a demo that does not say, every failed check is.
   */
  static boolean isHarm(CheckResult r, List<String> removed, boolean saysEach) {
    return r.status() == Status.FAIL
        && (!saysEach || r.check().protectedBy().stream().anyMatch(removed::contains));
  }

  /** The checks of a run without its protection that failed as the harm it stops. */
  static long harmShown(DemoResult r) {
    boolean says = r.demo().saysWhatEachFlagProtects();
    return r.steps().stream()
        .flatMap(s -> s.checks().stream())
        .filter(c -> isHarm(c, r.variant().removed(), says))
        .count();
  }

  public synchronized void summary(DemoResult r) {
    endLine();
    if (r.error() != null) {
      wrapped("  ✗ ", "    ", "It could not start, so nothing was judged: " + r.error());
    } else if (r.allSkipped()) {
      out.println(
          "  – skipped: this host cannot show it ("
              + r.steps().get(0).checks().get(0).sentence().replaceFirst("^skipped: ", "")
              + ")");
    } else if (r.protectionsRemoved()
        && r.variant().wrongLine() == null
        && (r.passed() || r.checksTiedToRemovedFlags().isEmpty())
        && harmShown(r) > 0) {
      // the proof held, or (the REPL's run without all of a demo's flags at once, which no single
      // check stands for) some check that stands for one of them failed: the harm, shown
      List<String> flags = r.variant().removed();
      wrapped(
          "  " + HARM_MARK + " ",
          "    ",
          "That is what "
              + SafeText.escapeLine(String.join(" ", flags))
              + (flags.size() == 1 ? " stops: " : " stop: ")
              + harmShown(r)
              + " check(s) failed without "
              + (flags.size() == 1 ? "it." : "them."));
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
    // wrapped like the rest of the lab's text, and escaped: the reason and the known wrong
    // answer's words come from the engine and the demo's file
    String reason = a.reason().replaceFirst("^skipped: ", "");
    switch (a.verdict()) {
      case PASSED -> wrapped("  ✓ ", "    ", "Your line passes: every check held on the evidence.");
      case FAILED ->
          wrapped(
              "  ✗ ",
              "    ",
              "Your line fails: " + a.failedChecks().size() + " check(s) did not hold.");
      case REFUSED -> wrapped("  ✗ ", "    ", "Refused, not judged: " + reason);
      case SKIPPED ->
          wrapped(
              "  – ", "    ", "Skipped, not passed: this host cannot judge it (" + reason + ")");
    }
    if (a.knownWrong() != null) {
      wrapped("  ", "  ", "A common wrong answer: " + a.knownWrong().because());
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
                ? r.anyCheckFailed()
                    ? failedChecks(r)
                        + " check(s) failed, but none stands for exactly "
                        + String.join(" ", r.variant().removed())
                    : "every check still passed, and none stands for exactly "
                        + String.join(" ", r.variant().removed())
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

  /** Whether the screen's cursor is at the start of a line (the container's output may not be). */
  private boolean lineStart = true;

  private String indented(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (lineStart && c != '\n') {
        b.append(INDENT);
      }
      b.append(c);
      lineStart = c == '\n';
    }
    return b.toString();
  }

  /** Ends a line the container's output left open, so the lab's own text starts on its own. */
  private void endLine() {
    if (!lineStart) {
      out.println();
      lineStart = true;
    }
  }

  private static final String INDENT = "    ";
}
