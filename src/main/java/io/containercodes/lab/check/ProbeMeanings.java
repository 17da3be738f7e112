package io.containercodes.lab.check;

import java.util.Map;
import java.util.stream.Collectors;

/** Plain words for the probe's facts, so a result reads as a sentence, not a dump. */
final class ProbeMeanings {
  private ProbeMeanings() {}

  static String describe(Map<String, String> facts) {
    return facts.entrySet().stream()
        .map(e -> meaning(e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }

  static String explain(String key, String value) {
    String m = meaning(key, value);
    return m.equals(key + "=" + value) ? "" : " (" + m + ")";
  }

  /**
   * What was seen against what was expected, in words that say which way it differs: a learner
   * whose line kept fewer capabilities than asked is not told it kept more (issue #25.8).
   */
  static String difference(String key, String seen, String expected) {
    if (seen == null) {
      return "no "
          + key
          + " (the probe did not report it), where "
          + meaning(key, expected)
          + " is expected";
    }
    String way = "";
    if (key.equals("cap_eff")
        && seen.matches("[0-9a-fA-F]{1,16}")
        && expected.matches("[0-9a-fA-F]{1,16}")) {
      long s = Long.parseUnsignedLong(seen, 16);
      long x = Long.parseUnsignedLong(expected, 16);
      way =
          (s & ~x) == 0
              ? ": fewer than asked"
              : (x & ~s) == 0 ? ": more than asked" : ": not the ones asked";
    }
    return meaning(key, seen) + ", where " + meaning(key, expected) + " is expected" + way;
  }

  static String meaning(String key, String value) {
    return switch (key) {
      case "cap_eff" -> capabilities(value);
      case "no_new_privs" ->
          value.equals("1")
              ? "no_new_privs set (setuid binaries cannot raise privileges)"
              : "no_new_privs not set";
      case "seccomp" ->
          switch (value) {
            case "0" -> "no seccomp filter";
            case "2" -> "a seccomp filter on system calls";
            default -> "seccomp mode " + value;
          };
      case "root_writable" ->
          value.equals("1") ? "a writable root filesystem" : "a read-only root filesystem";
      case "tmp_exec" ->
          value.equals("1")
              ? "programs can run from /tmp"
              : "/tmp refuses to run programs (noexec)";
      case "net_ifaces" -> "network interfaces: " + value;
      case "uid" -> "uid " + value;
      case "user" -> "user " + value;
      default -> key + "=" + value;
    };
  }

  /** "no effective capability", "1 effective capability (mask 0000000000000001)", "14 …". */
  private static String capabilities(String mask) {
    if (!mask.matches("[0-9a-fA-F]{1,16}")) {
      return "effective capabilities " + mask;
    }
    int n = Long.bitCount(Long.parseUnsignedLong(mask, 16));
    return n == 0
        ? "no effective capability"
        : n + " effective capabilit" + (n == 1 ? "y" : "ies") + " (mask " + mask + ")";
  }
}
