package io.containercodes.lab.demo;

import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.EngineKind;
import io.containercodes.lab.engine.Fact;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The features a demo step may {@code require:}, decided from the engine's facts, each absent one
 * with the sentence a skipped step shows: the host's limitation and, where there is one, what would
 * lift it. A feature whose fact is unknown is absent too, with that said: a step is never run where
 * the lab cannot tell whether the engine can show it.
 */
public final class HostFeatures {
  private final Set<String> present;
  private final Map<String, String> whyNot;

  private HostFeatures(Set<String> present, Map<String, String> whyNot) {
    this.present = Collections.unmodifiableSet(present);
    this.whyNot = Collections.unmodifiableMap(whyNot);
  }

  public static HostFeatures of(EngineFacts facts) {
    Set<String> present = new TreeSet<>();
    Map<String, String> whyNot = new LinkedHashMap<>();
    feature("seccomp", facts.seccomp(), present, whyNot);
    feature("apparmor", facts.apparmor(), present, whyNot);
    feature("selinux", facts.selinux(), present, whyNot);
    boolean podman = facts.kind() == EngineKind.PODMAN;
    present.add(podman ? "podman" : "docker");
    whyNot.put(
        podman ? "docker" : "podman",
        "this step shows "
            + (podman ? "Docker" : "Podman")
            + "'s behaviour, and the lab runs on the other engine");
    LimitSupport limits = LimitSupport.of(facts);
    support("limits", limits.limits(), present, whyNot);
    support("cpu-limits", limits.cpu(), present, whyNot);
    return new HostFeatures(present, whyNot);
  }

  private static void feature(
      String name, Fact fact, Set<String> present, Map<String, String> whyNot) {
    if (fact.isYes()) {
      present.add(name);
    } else {
      whyNot.put(
          name,
          fact.isNo()
              ? name + " is not available on this engine"
              : "whether this engine has " + name + " is unknown (" + fact.detail() + ")");
    }
  }

  private static void support(
      String name, LimitSupport.Support s, Set<String> present, Map<String, String> whyNot) {
    if (s.acts()) {
      present.add(name);
    } else {
      whyNot.put(name, s.reason());
    }
  }

  /** The names present, as {@code Evidence.hostFeatures} carries them. */
  public Set<String> names() {
    return present;
  }

  /** The features a step may require that this engine lacks (or may lack). */
  public Set<String> absent() {
    return whyNot.keySet();
  }

  /** Why a feature is absent, for the skipped step; null when it is present. */
  public String whyNot(String feature) {
    return present.contains(feature)
        ? null
        : whyNot.getOrDefault(feature, feature + " is not available on this engine");
  }
}
