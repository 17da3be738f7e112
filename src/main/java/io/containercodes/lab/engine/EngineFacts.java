package io.containercodes.lab.engine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the lab knows about the engine it is connected to, established once per connection ({@link
 * Engine#facts}) and read by everything that depends on the engine: doctor, the room check, the
 * demos' {@code requires:} steps. Each yes/no {@link Topic} is a {@link Fact}: yes, no or unknown,
 * with the place it was read.
 *
 * <p>Today every fact is a record: what the engine says about itself, read from the endpoint that
 * tells the truth for it (Podman: {@code GET /libpod/info}, whose {@code host.security.rootless}
 * and {@code host.cgroupControllers} are right where the compat {@code /info} claims limits
 * rootless cgroup v1 ignores; Docker: {@code /info}). Measured facts — a probe container whose
 * memory limit is read back from its own cgroup, a fresh host file with a nonce mounted and read
 * back — replace records through {@link #withMeasured}; those probes must pass the lab's one
 * admission path like any other container, so they are added there, not here.
 *
 * @param cgroupVersion "1" or "2", or null when unknown
 * @param cgroupControllers the controllers the engine can use for its containers (Podman's {@code
 *     host.cgroupControllers}: empty for rootless on cgroup v1, the delegated ones on v2); null
 *     when the engine does not say (Docker reports booleans instead)
 * @param engineSocket the engine's own socket as it names it on its side (Podman's {@code
 *     host.remoteSocket.path}), or null
 * @param rootDir where the engine keeps images and containers on its side (Podman's graph root,
 *     Docker's DockerRootDir), or null
 */
public record EngineFacts(
    EngineKind kind,
    String version,
    String apiVersion,
    EngineEndpoint endpoint,
    Map<Topic, Fact> facts,
    String cgroupVersion,
    String cgroupDriver,
    List<String> cgroupControllers,
    String defaultRuntime,
    String operatingSystem,
    String kernelVersion,
    String engineSocket,
    String rootDir) {

  /** The yes/no questions the lab asks about an engine. */
  public enum Topic {
    ROOTLESS("rootless"),
    MEMORY_LIMIT("--memory acts"),
    SWAP_LIMIT("--memory-swap acts"),
    PIDS_LIMIT("--pids-limit acts"),
    CPU_LIMIT("--cpus acts"),
    SECCOMP("seccomp"),
    APPARMOR("AppArmor"),
    SELINUX("SELinux"),
    /** Whether a file the lab writes on its host is what a container's bind mount shows. */
    HOST_FILES("sees the lab's files");

    private final String label;

    Topic(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public EngineFacts {
    EnumMap<Topic, Fact> all = new EnumMap<>(Topic.class);
    for (Topic t : Topic.values()) {
      all.put(t, Fact.unknown("not established"));
    }
    all.putAll(facts);
    facts = Collections.unmodifiableMap(all);
    cgroupControllers = cgroupControllers == null ? null : List.copyOf(cgroupControllers);
  }

  public Fact fact(Topic topic) {
    return facts.get(topic);
  }

  public Fact rootless() {
    return fact(Topic.ROOTLESS);
  }

  public Fact seccomp() {
    return fact(Topic.SECCOMP);
  }

  public Fact apparmor() {
    return fact(Topic.APPARMOR);
  }

  public Fact selinux() {
    return fact(Topic.SELINUX);
  }

  /**
   * These facts with one measured: a measurement replaces what the engine's record said, since the
   * record is what the engine believes and the measurement what happened.
   */
  public EngineFacts withMeasured(Topic topic, Fact measured) {
    if (measured.basis() != Fact.Basis.MEASURED) {
      throw new IllegalArgumentException("not a measurement: " + measured);
    }
    return with(Map.of(topic, measured));
  }

  /** These facts with the given topics unknown, for the same reason. */
  EngineFacts withUnknown(List<Topic> topics, String why) {
    Map<Topic, Fact> unknown = new EnumMap<>(Topic.class);
    topics.forEach(t -> unknown.put(t, Fact.unknown(why)));
    return with(unknown);
  }

  /** The same facts for another address (the session cache keeps them without one). */
  EngineFacts at(EngineEndpoint other) {
    return new EngineFacts(
        kind,
        version,
        apiVersion,
        other,
        facts,
        cgroupVersion,
        cgroupDriver,
        cgroupControllers,
        defaultRuntime,
        operatingSystem,
        kernelVersion,
        engineSocket,
        rootDir);
  }

  private EngineFacts with(Map<Topic, Fact> changes) {
    Map<Topic, Fact> changed = new EnumMap<>(facts);
    changed.putAll(changes);
    return new EngineFacts(
        kind,
        version,
        apiVersion,
        endpoint,
        changed,
        cgroupVersion,
        cgroupDriver,
        cgroupControllers,
        defaultRuntime,
        operatingSystem,
        kernelVersion,
        engineSocket,
        rootDir);
  }

  /** "Podman 4.3.1 rootless", "Docker Engine 26.1.5 rootful", "Podman 5.4.0 (rootless unknown)". */
  public String summary() {
    Fact r = rootless();
    String mode = r.isYes() ? " rootless" : r.isNo() ? " rootful" : " (rootless or not: unknown)";
    return kind.displayName() + " " + version + mode;
  }
}
