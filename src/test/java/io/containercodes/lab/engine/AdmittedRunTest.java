package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The judgement an admitted run carries to the engine: used only by the very rules that made it, so
 * {@link Engine#run} judges every other run itself (pure logic; EngineIT and GuardrailsIT run it).
 */
class AdmittedRunTest {
  private static final Map<String, String> ENV =
      Map.of("HOME", "/home/ann", "XDG_RUNTIME_DIR", "/run/user/1000");

  private final Guardrails engineRules = Guardrails.forHost(ENV, "unix:///srv/engine.sock");
  private final Guardrails otherRules = Guardrails.forHost(ENV);

  private static RunSpec spec() {
    return RunSpec.builder("cclab/busybox").command("true").network("none").build();
  }

  private static AdmittedRun admitted(RunSpec spec, Guardrails.Admitted judged) {
    return new AdmittedRun(spec, spec, Set.of(), List.of(), List.of(), Origin.LEARNER_TRY, judged);
  }

  @Test
  void theJudgementIsTheEnginesOnlyWhenItsOwnRulesMadeIt() {
    Guardrails.Admitted judged = engineRules.admitted(spec(), Guardrails.REFUSED, "fix");
    AdmittedRun run = admitted(spec(), judged);
    assertSame(judged.judgement(), run.judgedBy(engineRules).orElseThrow());
    assertTrue(run.judgedBy(otherRules).isEmpty(), "other rules' judgement is judged again");
    assertTrue(admitted(spec(), null).judgedBy(engineRules).isEmpty(), "none made: judged again");
    assertTrue(TestRuns.admitted(spec()).judgedBy(engineRules).isEmpty());
  }

  @Test
  void admittedSaysWhatAdmitSaysAndRefusesWhatItRefuses() {
    RunSpec privileged = spec().toBuilder().privileged(true).build();
    assertThrows(
        InvalidInput.class, () -> engineRules.admitted(privileged, Guardrails.REFUSED, "fix"));
    RunSpec consented = privileged.toBuilder().consent(true).build();
    Guardrails.Admitted judged = engineRules.admitted(consented, Guardrails.REFUSED, "fix");
    assertEquals(engineRules.admit(consented, Guardrails.REFUSED, "fix"), judged.notices());
    assertEquals(1, judged.judgement().violations().size(), judged.toString());
    assertSame(engineRules, judged.by());
  }
}
