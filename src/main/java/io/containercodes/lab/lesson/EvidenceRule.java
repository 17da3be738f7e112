package io.containercodes.lab.lesson;

import io.containercodes.lab.check.Annotated;
import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.EvidenceSource;
import io.containercodes.lab.demo.Demo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An exercise's protection checks must rest on evidence the learner's command cannot write: for
 * every flag a check stands for ({@code by:}), at least one of the checks standing for it reads the
 * engine's record, the lab's probe or an effect seen from outside. A protection shown only by what
 * the workload printed can be faked by printing it (issue #22: nine of ten exercises accepted such
 * lines).
 */
final class EvidenceRule {
  /**
   * Exercises written before the rule, whose rewrite on the engine's record and the twin probe
   * comes next (#22). Listed here so the lab's content still lints clean meanwhile; a test fails
   * for any entry that no longer offends, so the list can only shrink.
   */
  static final Set<String> NOT_YET_REWRITTEN =
      Set.of("caps-exercise", "dev-exercise", "pids-exercise", "seccomp-exercise");

  private EvidenceRule() {}

  static List<Linter.Problem> of(Demo demo) {
    if (!demo.isExercise() || NOT_YET_REWRITTEN.contains(demo.id())) {
      return List.of();
    }
    return offences(demo);
  }

  /** The flags whose checks all rest on the workload's own output, each at its first check. */
  static List<Linter.Problem> offences(Demo demo) {
    List<Linter.Problem> problems = new ArrayList<>();
    for (Demo.Step step : demo.steps()) {
      Map<String, List<Check>> byFlag = new LinkedHashMap<>();
      for (Check c : step.expect()) {
        c.protectedBy().forEach(f -> byFlag.computeIfAbsent(f, k -> new ArrayList<>()).add(c));
      }
      byFlag.forEach(
          (flag, checks) -> {
            if (checks.stream().noneMatch(c -> c.source().canShowAProtection())) {
              Check first = checks.get(0);
              problems.add(
                  new Linter.Problem(
                      demo.file(),
                      first instanceof Annotated a && a.line() > 0 ? a.line() : step.line(),
                      "the checks that stand for "
                          + flag
                          + " ("
                          + String.join(", ", checks.stream().map(Check::type).distinct().toList())
                          + ") rest only on "
                          + EvidenceSource.WORKLOAD_OUTPUT.words()
                          + ", which a line can print without the protection: add a check on the"
                          + " engine's record (config:), the lab's probe (twin-probe:) or an"
                          + " effect seen from outside"));
            }
          });
    }
    return problems;
  }
}
