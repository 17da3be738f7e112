package io.containercodes.lab.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code probe.KEY=VALUE} lines of one of the lab's own probe containers, first value of each
 * key kept. Only for containers that run the lab's command, never a learner's.
 */
final class ProbeLines {
  private final Map<String, String> values;

  private ProbeLines(Map<String, String> values) {
    this.values = values;
  }

  static ProbeLines of(String output) {
    Map<String, String> values = new HashMap<>();
    for (String line : output.split("\n", -1)) {
      String l = line.strip();
      int eq = l.indexOf('=');
      if (l.startsWith("probe.") && eq > "probe.".length()) {
        values.putIfAbsent(l.substring("probe.".length(), eq), l.substring(eq + 1).strip());
      }
    }
    return new ProbeLines(values);
  }

  /** The value, or null when the probe printed none. */
  String get(String key) {
    return values.get(key);
  }
}
