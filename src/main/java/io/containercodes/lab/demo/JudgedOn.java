package io.containercodes.lab.demo;

import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.LimitSupport;
import java.util.Locale;

/**
 * The engine facts a verdict was judged on, kept beside the verdict in progress and exports: the
 * same line can pass on one engine and be skipped on another (limits do not act rootless on cgroup
 * v1), so an instructor re-judging it must know what the learner's engine could show. Each yes/no
 * is "yes", "no" or "unknown", as the lab established it (measured by its probe where it could).
 *
 * @param engine the engine's name ("Podman", "Docker Engine")
 * @param version its version as it reports it
 * @param rootless whether it runs rootless: yes, no or unknown
 * @param limits whether --memory and --pids-limit act there (the probe's measurement): yes, no or
 *     unknown
 */
public record JudgedOn(String engine, String version, String rootless, String limits) {

  public static JudgedOn of(EngineFacts facts) {
    return new JudgedOn(
        facts.kind().displayName(),
        facts.version(),
        word(facts.rootless().answer()),
        word(LimitSupport.of(facts).limits().answer()));
  }

  private static String word(Fact.Answer a) {
    return a.name().toLowerCase(Locale.ROOT);
  }

  /** "Podman 4.3.1, rootless: yes, limits enforced: no". */
  public String summary() {
    return engine + " " + version + ", rootless: " + rootless + ", limits enforced: " + limits;
  }
}
