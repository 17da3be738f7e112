package io.containercodes.lab.cli;

import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.DemoRunner;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How a demo looks on the terminal while it runs and when it is done. */
final class DemoPrinter implements DemoRunner.Listener {
  private final PrintWriter out;
  private final boolean live;

  DemoPrinter(PrintWriter out, boolean live) {
    this.out = out;
    this.live = live;
  }

  void header(Demo demo, boolean proof) {
    out.println();
    out.println("▶ " + demo.title() + "  [" + demo.id() + "]" + (proof ? "  — proof run: without " + String.join(" ", demo.without()) : ""));
    out.println("  " + demo.proves());
    out.flush();
  }

  @Override
  public void step(Demo.Step step, String line) {
    out.println();
    out.println("  " + step.title());
    out.println("  $ " + line);
    out.flush();
  }

  @Override
  public void stdout(String text) {
    if (live) {
      out.print(indent(text));
      out.flush();
    }
  }

  @Override
  public void stderr(String text) {
    stdout(text);
  }

  @Override
  public void result(Demo.Step step, List<CheckResult> results) {
    out.println();
    for (CheckResult r : results) {
      out.println("  " + r.status().mark() + " " + r.sentence());
    }
    out.flush();
  }

  void summary(DemoResult r) {
    if (r.error() != null) {
      out.println("  ✗ the demo could not run: " + r.error());
    } else if (r.allSkipped()) {
      out.println("  – skipped: this host cannot show it (" + r.steps().get(0).checks().get(0).sentence() + ")");
    } else if (r.protectionsRemoved()) {
      out.println(r.passed()
          ? "  ✓ proof: without " + String.join(" ", r.demo().without()) + ", " + failedChecks(r) + " check(s) failed, as they must"
          : "  ✗ proof failed: every check still passed without " + String.join(" ", r.demo().without())
              + " — the checks do not test what the demo claims");
    } else {
      out.println(r.passed() ? "  ✓ " + r.count(io.containercodes.lab.check.Status.PASS) + " check(s) passed"
          + skipped(r) + " in " + seconds(r) : "  ✗ " + failedChecks(r) + " check(s) failed" + skipped(r));
    }
    out.flush();
  }

  static long failedChecks(DemoResult r) {
    return r.count(io.containercodes.lab.check.Status.FAIL);
  }

  private static String skipped(DemoResult r) {
    long n = r.count(io.containercodes.lab.check.Status.SKIPPED);
    return n == 0 ? "" : ", " + n + " skipped";
  }

  static String seconds(DemoResult r) {
    return String.format(Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0);
  }

  private static String indent(String text) {
    return text.replace("\n", "\n    ").replaceFirst("^", "    ").replaceAll("    $", "");
  }
}
