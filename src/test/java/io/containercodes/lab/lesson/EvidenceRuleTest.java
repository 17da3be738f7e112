package io.containercodes.lab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint's rule that a protection rests on evidence the learner's command cannot write (#22). */
class EvidenceRuleTest {
  /** The list of exercises not yet rewritten can only shrink: each entry must still offend. */
  @Test
  void everyExerciseLetThroughStillOffends() {
    for (String id : EvidenceRule.NOT_YET_REWRITTEN) {
      Demo demo = new DemoLoader().load(Path.of("demos", id));
      assertFalse(
          EvidenceRule.offences(demo).isEmpty(),
          id + " no longer rests on the workload's output alone: take it off NOT_YET_REWRITTEN");
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
          - stdout-contains: ok
            by: --cap-drop
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
}
