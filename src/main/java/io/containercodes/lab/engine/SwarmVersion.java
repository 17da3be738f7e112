package io.containercodes.lab.engine;

/** Engine API versions ("1.44") compared as numbers, not text ("1.9" is older than "1.44"). */
final class SwarmVersion {
  private SwarmVersion() {}

  /** Whether {@code version} is {@code least} or later; false when it is not a version. */
  static boolean atLeast(String version, String least) {
    int[] v = parse(version);
    int[] l = parse(least);
    if (v == null || l == null) {
      return false;
    }
    return v[0] != l[0] ? v[0] > l[0] : v[1] >= l[1];
  }

  private static int[] parse(String version) {
    if (version == null) {
      return null;
    }
    String[] parts = version.strip().split("\\.");
    try {
      return new int[] {
        Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
