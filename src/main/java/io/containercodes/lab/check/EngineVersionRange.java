package io.containercodes.lab.check;

import io.containercodes.lab.engine.EngineKind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code requires:} that names an engine's versions — {@code docker<23}, {@code podman>=4.7} —
 * for a step that shows what only those versions do (a default seccomp profile, a default mount).
 * The engine and its version reach the check as an {@link EngineRelease}; a version the lab cannot
 * read holds for no range, so such a step is skipped with the version named, never passed on a
 * guess.
 */
public record EngineVersionRange(EngineKind engine, boolean atLeast, int major, int minor) {
  private static final Pattern RANGE = Pattern.compile("(podman|docker)(<|>=)(\\d+)(?:\\.(\\d+))?");
  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

  static boolean isOne(String requirement) {
    return RANGE.matcher(requirement).matches();
  }

  static EngineVersionRange parse(String requirement) {
    Matcher m = RANGE.matcher(requirement);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an engine version range: " + requirement);
    }
    return new EngineVersionRange(
        m.group(1).equals("podman") ? EngineKind.PODMAN : EngineKind.DOCKER,
        m.group(2).equals(">="),
        Integer.parseInt(m.group(3)),
        m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
  }

  /** Whether this release of an engine falls in this range. */
  boolean holdsFor(EngineRelease release) {
    if (release == null || release.kind() != engine || release.version() == null) {
      return false;
    }
    Matcher v = VERSION.matcher(release.version());
    if (!v.lookingAt()) {
      return false; // a version the lab cannot read is not one the step was measured on
    }
    int have = Integer.parseInt(v.group(1)) * 1000 + Integer.parseInt(v.group(2));
    int bound = major * 1000 + minor;
    return atLeast ? have >= bound : have < bound;
  }

  /** "Docker before 23.0", "Podman 4.7 and later". */
  String describe() {
    String name = engine == EngineKind.PODMAN ? "Podman" : "Docker";
    return atLeast
        ? name + " " + major + "." + minor + " and later"
        : name + " before " + major + "." + minor;
  }
}
