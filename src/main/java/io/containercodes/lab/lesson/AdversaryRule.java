package io.containercodes.lab.lesson;

import io.containercodes.lab.demo.Demo;
import java.util.Arrays;
import java.util.List;

/**
 * Every exercise lists an adversarial wrong answer of each kind ({@link Demo.Adversary}): a line
 * that fakes the output, one whose protection is partial, one that leans on the lab's safety caps.
 * verify --prove runs them, so the exercise is shown to refuse or fail each — the ways to get the
 * tick without the protection, written down where the exercise is (#22).
 */
final class AdversaryRule {
  private AdversaryRule() {}

  static List<Linter.Problem> of(Demo demo) {
    if (!demo.isExercise()) {
      return List.of();
    }
    List<String> missing =
        Arrays.stream(Demo.Adversary.values())
            .filter(a -> demo.wrongAnswers().stream().noneMatch(w -> w.kind() == a))
            .map(Demo.Adversary::key)
            .toList();
    if (missing.isEmpty()) {
      return List.of();
    }
    int line =
        demo.wrongAnswers().isEmpty()
            ? demo.steps().get(0).line()
            : demo.wrongAnswers().get(0).fileLine();
    return List.of(
        new Linter.Problem(
            demo.file(),
            line,
            "an exercise lists at least one adversarial wrong answer of each kind (faked-output,"
                + " partial, safety-cap), which verify --prove shows refused or failing; none has"
                + " kind: "
                + String.join(", ", missing)));
  }
}
