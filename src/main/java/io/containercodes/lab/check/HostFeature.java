package io.containercodes.lab.check;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a step can require of the host ({@code requires: apparmor}): the parser reads a demo's word
 * into one, and the runner says which the engine it runs on has.
 */
public enum HostFeature {
  SECCOMP,
  APPARMOR,
  SELINUX,
  /** The engine's memory and process limits act. */
  LIMITS,
  /** The engine's CPU limits act. */
  CPU_LIMITS,
  /** The engine is Podman. */
  PODMAN,
  /** The engine is Docker Engine. */
  DOCKER;

  /** As a demo file writes it: {@code cpu-limits}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<HostFeature> ofKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(HostFeature::key).toList();
  }
}
