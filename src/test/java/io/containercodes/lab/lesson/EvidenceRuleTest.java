package io.containercodes.lab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint's rule that a protection rests on evidence the learner's command cannot write (#22). */
class EvidenceRuleTest {
  /** Every exercise of the lab's own episode keeps the rule. */
  @Test
  void theLabsExercisesJudgeProtectionsOnEvidence() throws Exception {
    try (var dirs = Files.list(Path.of("demos"))) {
      for (Path d : dirs.filter(p -> Files.exists(p.resolve("demo.yaml"))).toList()) {
        Demo demo = new DemoLoader().load(d);
        assertEquals(List.of(), EvidenceRule.of(demo), d.toString());
      }
    }
  }

  @Test
  void aProtectionShownByTheEnginesRecordOrTheTwinPasses(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("demo.yaml"),
        """
        id: %s
        title: t
        proves: p
        exercise: Drop every capability but CHOWN.
        run: podman run --rm --cap-drop ALL --cap-add CHOWN --user lab cclab/busybox sh -c 'echo ok'
        expect:
          - stdout-contains: ok
          - config: {capabilities: [CHOWN]}
            by: --cap-drop
          - twin-probe: {user: not-root}
            by: --user
        without: [--cap-drop, --user]
        """
            .formatted(dir.getFileName()));
    Demo demo = new DemoLoader().load(dir);
    assertEquals(List.of(), EvidenceRule.offences(demo));
  }

  @Test
  void aTextCheckThatStandsForAFlagIsRefusedEvenBesideEvidence(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("demo.yaml"),
        """
        id: %s
        title: t
        proves: p
        exercise: Drop every capability but CHOWN.
        run: podman run --rm --cap-drop ALL --cap-add CHOWN cclab/busybox sh -c 'echo ok'
        expect:
          - config: {capabilities: [CHOWN]}
            by: --cap-drop
          - stdout-contains: ok
            by: --cap-drop
        without: [--cap-drop]
        """
            .formatted(dir.getFileName()));
    List<Linter.Problem> problems = EvidenceRule.offences(new DemoLoader().load(dir));
    assertEquals(1, problems.size());
    assertEquals(9, problems.get(0).line());
    assertTrue(problems.get(0).message().contains("stdout-contains check stands for --cap-drop"));
  }
}
