package io.containercodes.lab.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.LineFlag;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 30.2: the flags a rule needs are the ones its fix tells the learner to add. */
class RuleFlagsTest {
  /** How a fix may spell a flag besides its long name. */
  private static final Map<LineFlag, String> SHORT = Map.of(LineFlag.USER, "-u ");

  @Test
  void everyFlagIsNamedByItsRulesFix() {
    Map<String, Rule> rules = new java.util.HashMap<>();
    AuditRules.all().forEach(r -> rules.put(r.id(), r));
    RuleFlags.BY_RULE.forEach(
        (id, flags) -> {
          Rule rule = rules.get(id);
          assertTrue(rule != null, "no rule " + id);
          assertTrue(rule.weight() > 0, id + " earns points");
          for (LineFlag f : flags) {
            String fix = rule.fix();
            assertTrue(
                fix.contains(f.longName()) || fix.contains(SHORT.getOrDefault(f, "\0")),
                id + "'s fix names " + f.longName() + ": " + fix);
          }
        });
  }

  @Test
  void neededAreThoseOfThePassedRulesAndTheChallengesOwn() {
    List<RuleResult> results =
        AuditRules.all().stream()
            .map(
                r ->
                    new RuleResult(
                        r, r.id().equals("memory-limit") ? Verdict.fail("no") : Verdict.pass("ok")))
            .toList();
    Set<LineFlag> needed = RuleFlags.needed(results);
    assertTrue(needed.containsAll(RuleFlags.CHALLENGE));
    assertTrue(needed.contains(LineFlag.NETWORK));
    assertTrue(!needed.contains(LineFlag.MEMORY), "memory-limit failed: --memory earned nothing");
    assertEquals(
        EnumSet.of(LineFlag.RM, LineFlag.VOLUME, LineFlag.MOUNT),
        RuleFlags.needed(List.of()),
        "with nothing passed, only the challenge's own");
    // a limit this host cannot judge is the host's, not the line's: its flags stay needed
    List<RuleResult> hostSkipped =
        AuditRules.all().stream()
            .map(
                r ->
                    new RuleResult(
                        r,
                        r.id().equals("memory-limit")
                            ? Verdict.skippedByHost("limits do not act here")
                            : Verdict.fail("no")))
            .toList();
    assertEquals(
        EnumSet.of(
            LineFlag.RM, LineFlag.VOLUME, LineFlag.MOUNT, LineFlag.MEMORY, LineFlag.MEMORY_SWAP),
        RuleFlags.needed(hostSkipped));
  }
}
