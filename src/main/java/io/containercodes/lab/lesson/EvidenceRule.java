package io.containercodes.lab.lesson;

import io.containercodes.lab.check.Annotated;
import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.EvidenceSource;
import io.containercodes.lab.demo.Demo;
import java.util.ArrayList;
import java.util.List;

/**
 * An exercise's protection checks rest on evidence the learner's command cannot write: a check that
 * stands for a flag ({@code by:}) reads the engine's record, the lab's probe or an effect seen from
 * outside, never what the workload printed or the status it chose. A protection shown by text can
 * be faked by printing it (issue #22: nine of ten exercises accepted such lines); the workload's
 * output may still say that the program did its job, in a check that stands for no flag.
 */
final class EvidenceRule {
  private EvidenceRule() {}

  static List<Linter.Problem> of(Demo demo) {
    return demo.isExercise() ? offences(demo) : List.of();
  }

  /** Each check of an exercise that stands for a flag on the workload's own output. */
  static List<Linter.Problem> offences(Demo demo) {
    List<Linter.Problem> problems = new ArrayList<>();
    for (Demo.Step step : demo.steps()) {
      for (Check c : step.expect()) {
        if (c.protectedBy().isEmpty() || c.source().canShowAProtection()) {
          continue;
        }
        problems.add(
            new Linter.Problem(
                demo.file(),
                c instanceof Annotated a && a.line() > 0 ? a.line() : step.line(),
                "the "
                    + c.type()
                    + " check stands for "
                    + String.join(" ", c.protectedBy())
                    + " but rests on "
                    + EvidenceSource.WORKLOAD_OUTPUT.words()
                    + ", which a line can print without the protection: judge the flag on the"
                    + " engine's record (config:), the lab's probe (twin-probe:) or an effect seen"
                    + " from outside, and keep the text for what the program did (no by:)"));
      }
    }
    return problems;
  }
}
