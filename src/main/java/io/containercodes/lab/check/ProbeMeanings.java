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

  static String meaning(String key, String value) {
    return switch (key) {
      case "cap_eff" ->
          value.matches("0+") ? "no effective capabilities" : "effective capabilities " + value;
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
}
