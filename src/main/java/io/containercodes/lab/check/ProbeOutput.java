package io.containercodes.lab.check;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the {@code probe.KEY=VALUE} lines the lab's probes print, in order, ignoring other output.
 */
public final class ProbeOutput {
  private ProbeOutput() {}

  public static Map<String, String> parse(String stdout) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (String line : stdout.split("\n", -1)) {
      int eq = line.indexOf('=');
      if (line.startsWith("probe.") && eq > 6) {
        facts.put(line.substring(6, eq), line.substring(eq + 1).strip());
      }
    }
    return facts;
  }
}
