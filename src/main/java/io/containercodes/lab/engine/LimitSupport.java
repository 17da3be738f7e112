package io.containercodes.lab.engine;

import io.containercodes.lab.engine.EngineFacts.Topic;
import io.containercodes.lab.engine.Fact.Answer;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the engine's resource limits act, decided from the engine's facts (never from the lab's
 * own host, which may not be the engine's). Rootless Podman on cgroup v1 accepts --memory, --cpus
 * and --pids-limit, warns, and runs without them; on cgroup v2 a rootless engine can only use the
 * controllers systemd delegated to the user (memory and pids by default; cpu and io need extra
 * delegation). A demo of a limit is skipped there with this reason, never passed and never failed;
 * where the lab could not tell, the answer is unknown, and the demo is skipped too.
 *
 * @param limits whether --memory and --pids-limit act (the feature "limits")
 * @param cpu whether --cpus acts (the feature "cpu-limits")
 * @param fix what would lift the limitation, or "" when everything acts
 */
public record LimitSupport(Support limits, Support cpu, String fix) {

  /**
   * @param reason one sentence naming the host's limitation and what would lift it; "" when yes
   */
  public record Support(Answer answer, String reason) {
    public boolean acts() {
      return answer == Answer.YES;
    }
  }

  static final String ROOTLESS_V1 =
      " on cgroup v1 cannot enforce limits; cgroup v2 with systemd delegation can";

  public static LimitSupport of(EngineFacts facts) {
    Fact memory = facts.fact(Topic.MEMORY_LIMIT);
    Fact pids = facts.fact(Topic.PIDS_LIMIT);
    Fact cpuFact = facts.fact(Topic.CPU_LIMIT);
    Answer both = both(memory.answer(), pids.answer());
    boolean rootless = facts.rootless().isYes();
    boolean v1 = "1".equals(facts.cgroupVersion());
    String engine = "rootless " + (facts.kind() == EngineKind.PODMAN ? "Podman" : "Docker");
    Support limits =
        support(
            both,
            List.of(memory, pids),
            List.of("--memory", "--pids-limit"),
            rootless,
            v1,
            engine,
            facts);
    Support cpu =
        support(cpuFact.answer(), List.of(cpuFact), List.of("--cpus"), rootless, v1, engine, facts);
    String fix;
    if (limits.acts() && cpu.acts()) {
      fix = "";
    } else if (rootless && v1) {
      fix =
          "boot with cgroup v2 (systemd.unified_cgroup_hierarchy=1) and delegate the controllers to"
              + " users (Delegate= in user@.service), or use an engine that runs as root";
    } else if (rootless) {
      fix =
          "delegate the controllers to users: a systemd drop-in for user@.service with"
              + " Delegate=cpu cpuset io memory pids";
    } else if (both == Answer.UNKNOWN || cpu.answer() == Answer.UNKNOWN) {
      fix = "cclab doctor shows what the engine reported about itself";
    } else {
      fix = "enable the memory, pids and cpu cgroup controllers on the engine's host";
    }
    return new LimitSupport(limits, cpu, fix);
  }

  private static Support support(
      Answer answer,
      List<Fact> facts,
      List<String> flags,
      boolean rootless,
      boolean v1,
      String engine,
      EngineFacts all) {
    String what = String.join(" and ", flags);
    return switch (answer) {
      case YES -> new Support(answer, "");
      case UNKNOWN ->
          new Support(
              answer,
              "whether "
                  + what
                  + " act on this engine is unknown ("
                  + firstDetail(facts, Answer.UNKNOWN)
                  + ")");
      case NO ->
          new Support(
              answer,
              rootless && v1
                  ? engine + ROOTLESS_V1
                  : rootless
                      ? "this "
                          + engine
                          + " may use only the cgroup controllers delegated to its user "
                          + (all.cgroupControllers() == null ? "" : all.cgroupControllers() + " ")
                          + "and "
                          + what
                          + " need more; a systemd drop-in for user@.service with Delegate=cpu"
                          + " cpuset io memory pids can lift that"
                      : what
                          + " cannot act on this engine ("
                          + firstDetail(facts, Answer.NO)
                          + ")");
    };
  }

  private static Answer both(Answer a, Answer b) {
    if (a == Answer.NO || b == Answer.NO) {
      return Answer.NO;
    }
    return a == Answer.YES && b == Answer.YES ? Answer.YES : Answer.UNKNOWN;
  }

  private static String firstDetail(List<Fact> facts, Answer answer) {
    List<String> said = new ArrayList<>();
    for (Fact f : facts) {
      if (f.answer() == answer) {
        said.add(
            f.detail().isEmpty()
                ? f.source()
                : f.source().isEmpty() ? f.detail() : f.source() + ": " + f.detail());
      }
    }
    return said.isEmpty() ? "" : said.get(0);
  }
}
