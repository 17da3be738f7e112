package io.containercodes.lab.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --pid/--network/--ipc/--uts/--userns container:NAME}: the container joins another
 * container's namespace and gets what that container has. A join is free only within one lab run
 * (the target carries this spec's run id) and of a target that itself shares nothing with the host
 * by the same rules; any other join needs consent, with what the target shares named. A target the
 * engine cannot show is refused: the lab does not judge a join blind.
 */
final class NamespaceJoins {
  private static final String PREFIX = "container:";
  private static final int MAX_DEPTH = 3;

  private final Guardrails rules;
  private final ContainerLookup lookup;
  private final int depth;

  /**
   * @param lookup the engine's records; null before the lab is connected to one (try judges a line
   *     before connecting), when a join needs consent and the engine judges it again
   */
  NamespaceJoins(Guardrails rules, ContainerLookup lookup, int depth) {
    this.rules = rules;
    this.lookup = lookup;
    this.depth = depth;
  }

  void judge(RunSpec spec, List<Guardrails.Violation> v, List<Guardrails.Violation> refused) {
    for (Map.Entry<String, String> join : joins(spec).entrySet()) {
      String flag = join.getKey() + " " + join.getValue();
      String target = join.getValue().substring(PREFIX.length());
      String what = namespace(join.getKey());
      if (lookup == null) {
        v.add(unseen(flag, target, what));
        continue;
      }
      judgeTarget(spec, flag, target, what, v, refused);
    }
  }

  /** A join judged before the engine is connected: it needs consent, and the engine judges it. */
  private static Guardrails.Violation unseen(String flag, String target, String what) {
    return new Guardrails.Violation(
        flag,
        "joins the "
            + what
            + " namespace of the container "
            + target
            + ": it gets whatever that container has of the host, which the lab judges"
            + " from the engine's record of it before anything starts.");
  }

  private void judgeTarget(
      RunSpec spec,
      String flag,
      String target,
      String what,
      List<Guardrails.Violation> v,
      List<Guardrails.Violation> refused) {
    Optional<ContainerLookup.Target> found;
    try {
      found = depth < MAX_DEPTH ? lookup.find(target) : null;
    } catch (ContainerLookup.NoEngine e) {
      v.add(unseen(flag, target, what));
      return;
    } catch (RuntimeException e) {
      refused.add(
          new Guardrails.Violation(
              flag,
              "names a container the engine could not show ("
                  + e.getMessage()
                  + "): the lab does not judge a join it cannot see."));
      return;
    }
    if (found == null || found.isEmpty()) {
      refused.add(
          new Guardrails.Violation(
              flag,
              found == null
                  ? "joins a chain of containers too long for the lab to follow."
                  : "names no container on the engine: the lab judges a join by its target."));
      return;
    }
    judgeFound(spec, flag, target, what, found.get(), v);
  }

  /** A target the engine (or the run's plan) shows: what it shares, and whose it is. */
  private void judgeFound(
      RunSpec spec,
      String flag,
      String target,
      String what,
      ContainerLookup.Target t,
      List<Guardrails.Violation> v) {
    List<Guardrails.Violation> shares = rules.judgeJoined(t.config(), depth + 1);
    boolean sameRun =
        spec.runId() != null
            && "1".equals(t.labels().get(LabLabels.LAB))
            && spec.runId().equals(t.labels().get(LabLabels.RUN_ID));
    if (!shares.isEmpty()) {
      v.add(new Guardrails.Violation(flag, sharing(what, target, shares)));
    } else if (!sameRun) {
      v.add(
          new Guardrails.Violation(
              flag,
              "joins the "
                  + what
                  + " namespace of "
                  + target
                  + ", which is not a container of this lab run: it sees and shares what that"
                  + " container runs there (the lab's rules find nothing of the host in it)."));
    }
  }

  private static String sharing(String what, String target, List<Guardrails.Violation> shares) {
    List<String> flags = new ArrayList<>();
    shares.forEach(s -> flags.add(s.flag()));
    return "joins the "
        + what
        + " namespace of "
        + target
        + ", which shares with the host: "
        + String.join(", ", flags)
        + " ("
        + shares.get(0).reason()
        + (shares.size() > 1 ? " …" : "")
        + "): joining it hands this container the same.";
  }

  private static Map<String, String> joins(RunSpec spec) {
    Map<String, String> j = new LinkedHashMap<>();
    put(j, "--pid", spec.pidMode());
    put(j, "--network", spec.network());
    put(j, "--ipc", spec.ipcMode());
    put(j, "--uts", spec.utsMode());
    put(j, "--userns", spec.userns());
    return j;
  }

  private static void put(Map<String, String> j, String flag, String value) {
    if (value != null && value.startsWith(PREFIX) && value.length() > PREFIX.length()) {
      j.put(flag, value);
    }
  }

  private static String namespace(String flag) {
    return switch (flag) {
      case "--pid" -> "process (pid)";
      case "--network" -> "network";
      case "--ipc" -> "IPC (shared memory)";
      case "--uts" -> "hostname (uts)";
      default -> "user";
    };
  }
}
