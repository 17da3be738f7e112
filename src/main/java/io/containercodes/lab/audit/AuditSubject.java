package io.containercodes.lab.audit;

import io.containercodes.lab.engine.ContainerFacts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything the rules judge: what the probe saw inside the container, what the engine says it
 * configured, the host, and what the canary saw.
 *
 * @param canaryHits requests the canary logged from the container; null when no canary ran
 */
public record AuditSubject(Map<String, String> probe, ContainerFacts config, HostView host, Integer canaryHits) {
  public AuditSubject {
    probe = Map.copyOf(probe);
  }

  public String fact(String key) {
    return probe.getOrDefault(key, "");
  }

  public List<String> words(String key) {
    String v = fact(key).strip();
    return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
  }

  public boolean isRoot() {
    return fact("uid").equals("0");
  }

  /**
   * The capabilities code in the container can have. Root keeps its bounding set across exec;
   * an ordinary user reaches it through any setuid-root binary, unless no_new_privs is set,
   * which leaves that user with its effective set alone.
   */
  public List<String> reachableCapabilities() {
    if (!isRoot() && fact("no_new_privs").equals("1")) {
      return CapabilitySet.decode(fact("cap_eff"));
    }
    return CapabilitySet.decode(Long.toHexString(mask("cap_eff") | mask("cap_bnd")));
  }

  private long mask(String key) {
    String v = fact(key).strip();
    return v.isEmpty() ? 0 : Long.parseUnsignedLong(v, 16);
  }
}
