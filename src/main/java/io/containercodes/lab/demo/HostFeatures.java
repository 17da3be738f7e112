package io.containercodes.lab.demo;

import io.containercodes.lab.check.EngineRelease;
import io.containercodes.lab.check.HostFeature;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.EngineKind;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.LimitSupport;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The features a demo step may {@code require:}, decided from the engine's facts, each absent one
 * with the sentence a skipped step shows: the host's limitation and, where there is one, what would
 * lift it. A feature whose fact is unknown is absent too, with that said: a step is never run where
 * the lab cannot tell whether the engine can show it.
 */
public final class HostFeatures {
  private final Set<HostFeature> present;
  private final Map<HostFeature, String> whyNot;
  private final EngineRelease release;

  private HostFeatures(
      Set<HostFeature> present, Map<HostFeature, String> whyNot, EngineRelease release) {
    this.present = Collections.unmodifiableSet(present);
    this.whyNot = Collections.unmodifiableMap(whyNot);
    this.release = release;
  }

  public static HostFeatures of(EngineFacts facts) {
    Set<HostFeature> present = EnumSet.noneOf(HostFeature.class);
    Map<HostFeature, String> whyNot = new EnumMap<>(HostFeature.class);
    feature(HostFeature.SECCOMP, facts.seccomp(), present, whyNot);
    feature(HostFeature.APPARMOR, facts.apparmor(), present, whyNot);
    feature(HostFeature.SELINUX, facts.selinux(), present, whyNot);
    boolean podman = facts.kind() == EngineKind.PODMAN;
    present.add(podman ? HostFeature.PODMAN : HostFeature.DOCKER);
    whyNot.put(
        podman ? HostFeature.DOCKER : HostFeature.PODMAN,
        "this step shows "
            + (podman ? "Docker" : "Podman")
            + "'s behaviour, and the lab runs on the other engine");
    LimitSupport limits = LimitSupport.of(facts);
    support(HostFeature.LIMITS, limits.limits(), present, whyNot);
    support(HostFeature.CPU_LIMITS, limits.cpu(), present, whyNot);
    // for a step that shows one engine version's behaviour (requires: docker<23)
    return new HostFeatures(present, whyNot, new EngineRelease(facts.kind(), facts.version()));
  }

  private static void feature(
      HostFeature feature, Fact fact, Set<HostFeature> present, Map<HostFeature, String> whyNot) {
    String name = feature.key();
    if (fact.isYes()) {
      present.add(feature);
    } else {
      whyNot.put(
          feature,
          fact.isNo()
              ? name + " is not available on this engine"
              : "whether this engine has " + name + " is unknown (" + fact.detail() + ")");
    }
  }

  private static void support(
      HostFeature feature,
      LimitSupport.Support s,
      Set<HostFeature> present,
      Map<HostFeature, String> whyNot) {
    if (s.acts()) {
      present.add(feature);
    } else {
      whyNot.put(feature, s.reason());
    }
  }

  /** The features present, as {@code Evidence.hostFeatures} carries them. */
  public Set<HostFeature> names() {
    return present;
  }

  /** The engine and its version, as {@code Evidence.engine} carries them. */
  public EngineRelease release() {
    return release;
  }

  /** The features a step may require that this engine lacks (or may lack). */
  public Set<HostFeature> absent() {
    return whyNot.keySet();
  }

  /** Why a feature is absent, for the skipped step; null when it is present. */
  public String whyNot(HostFeature feature) {
    return present.contains(feature)
        ? null
        : whyNot.getOrDefault(feature, feature.key() + " is not available on this engine");
  }
}
