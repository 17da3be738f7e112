package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.lesson.LessonPack;
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
}
