package io.containercodes.lab.audit;

import io.containercodes.lab.engine.LineFlag;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flags each rule's fix adds to a line, as its {@link Rule#fix} names them: what a line needs
 * to pass that rule. Rules whose fix removes a flag (--privileged, a socket mount, --device,
 * seccomp=unconfined) or is the engine's own default need none. The challenge board counts a line's
 * flags beyond these as "flags beyond the needed ones" (docs/instructors.md); a test keeps every
 * flag here named in its rule's fix.
 */
public final class RuleFlags {
  static final Map<String, Set<LineFlag>> BY_RULE =
      Map.ofEntries(
          Map.entry("dangerous-capabilities", EnumSet.of(LineFlag.CAP_DROP)),
          Map.entry("capabilities-not-dropped", EnumSet.of(LineFlag.CAP_DROP, LineFlag.CAP_ADD)),
          Map.entry("no-new-privileges", EnumSet.of(LineFlag.SECURITY_OPT)),
          Map.entry("root-is-host-root", EnumSet.of(LineFlag.USER, LineFlag.USERNS)),
          Map.entry("root-writable", EnumSet.of(LineFlag.READ_ONLY, LineFlag.TMPFS)),
          Map.entry("tmp-executable", EnumSet.of(LineFlag.TMPFS, LineFlag.READ_ONLY_TMPFS)),
          Map.entry("memory-limit", EnumSet.of(LineFlag.MEMORY, LineFlag.MEMORY_SWAP)),
          Map.entry("cpu-limit", EnumSet.of(LineFlag.CPUS)),
          Map.entry("pids-limit", EnumSet.of(LineFlag.PIDS_LIMIT)),
          Map.entry("network-egress", EnumSet.of(LineFlag.NETWORK)));

  /**
   * What the challenge itself needs of every line, whatever it scores: the project mount at
   * /workspace (-v or --mount), and --rm, which the lab's own runs always have.
   */
  public static final Set<LineFlag> CHALLENGE =
      EnumSet.of(LineFlag.VOLUME, LineFlag.MOUNT, LineFlag.RM);

  private RuleFlags() {}

  /** The flags the fix of {@code ruleId} adds; empty for a rule whose fix adds none. */
  public static Set<LineFlag> of(String ruleId) {
    return BY_RULE.getOrDefault(ruleId, Set.of());
  }

  /**
   * The flags a judged line needs for what it earned: those of the rules it passed, with the
   * challenge's own. A rule the host could not judge (limits that do not act here) counts as
   * needing its flags too: the host's limitation is not the line's, and on another engine those
   * flags earn the rule. A flag that earns nothing else is beyond them.
   */
  public static Set<LineFlag> needed(List<RuleResult> results) {
    Set<LineFlag> needed = EnumSet.copyOf(CHALLENGE);
    results.stream()
        .filter(r -> r.passed() || r.skippedByHost())
        .forEach(r -> needed.addAll(of(r.rule().id())));
    return needed;
  }
}
