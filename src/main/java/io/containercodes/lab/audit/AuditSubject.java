package io.containercodes.lab.audit;

import io.containercodes.lab.engine.ContainerFacts;
import io.containercodes.lab.engine.RunSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything the rules judge: what the probe saw inside the container, what the engine says it
 * configured, the host, and what the canary saw.
 *
 * @param canaryHits requests the canary logged from the container; null when no canary ran
 * @param line the run line as parsed, for what only the line says (published ports, restart policy,
 *     health check: the audit's own run opens no port and restarts nothing); null when not known
 */
public record AuditSubject(
    Map<String, String> probe,
    ContainerFacts config,
    HostView host,
    Integer canaryHits,
    RunSpec line) {
  public AuditSubject {
    probe = Map.copyOf(probe);
  }

  public AuditSubject(
      Map<String, String> probe, ContainerFacts config, HostView host, Integer canaryHits) {
    this(probe, config, host, canaryHits, null);
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
   * The capabilities code in the container can have. Root keeps its bounding set across exec; an
   * ordinary user reaches it through any setuid-root binary, unless no_new_privs is set, which
   * leaves that user with its effective set alone.
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
