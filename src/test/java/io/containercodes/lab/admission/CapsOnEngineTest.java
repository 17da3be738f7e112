package io.containercodes.lab.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.EngineFacts.Topic;
import io.containercodes.lab.engine.EngineKind;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.engine.LimitSupport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: try said "memory capped at 1 GiB by the lab" on rootless Podman on cgroup v1, where no
 * cap acts. The caps are still put in the spec (they cost nothing and act wherever limits do); what
 * is said of them follows the engine.
 */
class CapsOnEngineTest {
  static final Map<String, String> ENV = Map.of("HOME", "/nonexistent/home");

  static LimitSupport limits(boolean act) {
    Fact f = Fact.measured(act, "the lab's probe container", act ? "was killed" : "ran to the end");
    return LimitSupport.of(
        new EngineFacts(
            EngineKind.PODMAN,
            "4.3.1",
            "1.41",
            null,
            Map.of(
                Topic.ROOTLESS,
                Fact.of(!act, "GET /libpod/info host.security.rootless", ""),
                Topic.MEMORY_LIMIT,
                f,
                Topic.PIDS_LIMIT,
                f,
                Topic.CPU_LIMIT,
                f),
            "1",
            "cgroupfs",
            List.of(),
            "runc",
            null,
            null,
            null,
            null));
  }

  static JudgedRun judged(String line) {
    return new Admission(Guardrails.forHost(ENV), () -> null)
        .judge(RunRequest.line(Origin.LEARNER_TRY, line).build());
  }

  @Test
  void capsThatDoNotActAreSaidNotToAndNothingIsSaidWhereTheyAct() {
    JudgedRun capped = judged("podman run --rm --network none cclab/busybox true");
    assertTrue(capped.notices().stream().anyMatch(n -> n.startsWith("memory capped at 1 GiB")));
    String said = capped.capsOn(limits(false)).orElseThrow();
    assertTrue(said.contains("do not act on this engine"), said);
    assertTrue(said.contains("rootless Podman on cgroup v1 cannot enforce limits"), said);
    assertEquals(Optional.empty(), capped.capsOn(limits(true)));
  }

  @Test
  void aLineWithItsOwnLimitsAndNoCapIsToldNothingOfCaps() {
    JudgedRun own =
        judged("podman run --rm --memory 64m --pids-limit 16 --network none cclab/busybox true");
    assertEquals(Optional.empty(), own.capsOn(limits(false)));
  }
}
