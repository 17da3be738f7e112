package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.runline.CommandLineTokenizer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPrinterTest {
  private final Demo forkBomb =
      new LessonPack(Path.of("").toAbsolutePath())
          .episode(LessonPack.DEFAULT_EPISODE)
          .demo("fork-bomb")
          .orElseThrow();

  private String print(DemoResult.Variant variant) {
    Demo.Step step = forkBomb.steps().get(0);
    List<CheckResult> results =
        step.expect().stream()
            .map(
                (Check c) ->
                    c.type().equals("requires")
                        ? CheckResult.pass(c, "The engine supports limits.")
                        : CheckResult.fail(c, "the loop started all 200"))
            .toList();
    StringWriter text = new StringWriter();
    DemoPrinter printer = new DemoPrinter(new PrintWriter(text), false, 100);
    printer.header(forkBomb, variant);
    printer.result(step, results);
    printer.summary(
        new DemoResult(
            forkBomb,
            variant,
            List.of(new DemoResult.StepResult(step, null, results)),
            Duration.ZERO,
            null));
    return text.toString();
  }

  @Test
  void withoutTheProtectionAFailingCheckIsTheHarmShownNotTheLearnersMistake() {
    String out = print(DemoResult.Variant.without(List.of("--pids-limit")));
    assertTrue(out.contains("  ⚠ the loop started all 200"), out);
    assertTrue(
        out.contains("⚠ That is what --pids-limit stops: 2 check(s) failed without it."), out);
    assertFalse(out.contains("✗"), out);
  }

  @Test
  void asWrittenAFailingCheckIsAFailure() {
    String out = print(DemoResult.Variant.AS_WRITTEN);
    assertTrue(out.contains("  ✗ the loop started all 200"), out);
    assertFalse(out.contains("⚠"), out);
  }

  @Test
  void aFlagNamedByTheDemoIsShownNotObeyed() {
    String out = print(DemoResult.Variant.without(List.of("--pids-limit\u001b]0;x\u0007")));
    assertFalse(out.contains("\u001b") || out.contains("\u0007"), out);
    assertTrue(out.contains("without --pids-limit\\e]0;x\\a"), out);
  }

  /**
   * Issue #25.5: the indent goes where a line starts, however the engine's frames cut the output;
   * the text is otherwise as it came.
   */
  @Test
  void containerOutputIsIndentedPerLineWhereverTheChunksEnd() {
    String output =
        "Collecting reqeusts\n"
            + "Successfully installed reqeusts-2.31.0\n\n"
            + "GHSA-gmj6-6f8f-6699  ok\n"
            + "no end";
    for (int cut = 1; cut < output.length(); cut++) {
      StringWriter text = new StringWriter();
      DemoPrinter printer = new DemoPrinter(new PrintWriter(text), true, 80);
      printer.stdout(output.substring(0, cut));
      printer.stderr(output.substring(cut));
      printer.result(forkBomb.steps().get(0), List.of());
      assertEquals(
          "    Collecting reqeusts\n    Successfully installed reqeusts-2.31.0\n\n"
              + "    GHSA-gmj6-6f8f-6699  ok\n    no end\n\n",
          text.toString(),
          "cut at " + cut);
    }
  }

  @Test
  void aLongRunLineBreaksAtSpacesOutsideQuotesAndStillPastesAsOneLine() {
    StringWriter text = new StringWriter();
    DemoPrinter printer = new DemoPrinter(new PrintWriter(text), false, 60);
    String line =
        "podman run --rm --memory 100m --memory-swap 100m -v /lab/demos/x/grow.py:/app/grow.py:ro"
            + " cclab/python python3 -c 'print(1); print(2)'";
    printer.step(forkBomb.steps().get(0), line);
    String shown = text.toString();
    String command = shown.substring(shown.indexOf("  $ ") + 4);
    assertEquals(
        new CommandLineTokenizer(null).split(line),
        new CommandLineTokenizer(null).split(command),
        shown);
    assertTrue(shown.contains(" \\\n      "), shown);
    assertTrue(shown.contains("'print(1); print(2)'"), shown);
  }

  private static Demo demo(String id) {
    return new LessonPack(Path.of("").toAbsolutePath())
        .episode(LessonPack.DEFAULT_EPISODE)
        .demo(id)
        .orElseThrow();
  }

  /** Every check of the demo failed (the run without all its flags), as printed. */
  private static String allFailedWithout(Demo demo) {
    DemoResult.Variant bare = DemoResult.Variant.without(demo.without());
    StringWriter text = new StringWriter();
    DemoPrinter printer = new DemoPrinter(new PrintWriter(text), false, 100);
    printer.header(demo, bare);
    List<DemoResult.StepResult> steps = new java.util.ArrayList<>();
    for (Demo.Step step : demo.steps()) {
      List<CheckResult> results =
          step.expect().stream().map(c -> CheckResult.fail(c, "failed: " + c.type())).toList();
      printer.result(step, results);
      steps.add(new DemoResult.StepResult(step, null, results));
    }
    printer.summary(new DemoResult(demo, bare, steps, Duration.ZERO, null));
    return text.toString().replaceAll("\\s+", " ");
  }

  /**
   * Issue #25.8: the run without all of hardened-shell's flags at once showed ⚠ failures, then "no
   * check stands for --cap-drop --security-opt --read-only --network".
   */
  @Test
  void theRunWithoutEveryFlagSaysWhatTheFlagsStopAfterItsFailures() {
    String out = allFailedWithout(demo("hardened-shell"));
    assertFalse(out.contains("no check stands for"), out);
    assertTrue(
        out.contains(
            "That is what --cap-drop --security-opt --read-only --network stop: 5 check(s) failed"
                + " without them."),
        out);
  }

  /**
   * A check that holds either way (no by:) and fails without the flag is another outcome, not the
   * harm: the seccomp demo counted "ASLR switch: blocked", the safer outcome, as harm.
   */
  @Test
  void aCheckThatStandsForNoRemovedFlagIsNotCountedAsHarm() {
    Demo seccomp = demo("seccomp");
    long standFor =
        seccomp.steps().stream()
            .flatMap(s -> s.expect().stream())
            .filter(c -> c.protectedBy().contains("--security-opt"))
            .count();
    long all = seccomp.steps().stream().mapToLong(s -> s.expect().size()).sum();
    assertTrue(standFor > 0 && standFor < all, standFor + " of " + all);
    String out = allFailedWithout(seccomp);
    assertTrue(
        out.contains("· failed: stdout-contains (a different outcome without --security-opt)"),
        out);
    assertTrue(out.contains("stops: " + standFor + " check(s) failed without it."), out);
  }
}
