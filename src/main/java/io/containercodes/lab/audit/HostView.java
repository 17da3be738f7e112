package io.containercodes.lab.audit;

/**
 * What the audit knows about the engine and its host.
 *
 * @param engine "Podman" or "Docker Engine", for the report
 * @param apparmor whether the engine reports AppArmor, so the MAC rule can be evaluated
 * @param limitsWhyNot why --memory and --pids-limit do not act (or may not) on this engine, as the
 *     lab measured it; null when they act. Where they do not, the limit rules are skipped with this
 *     reason: a line is never marked down, nor told to add a limit it has, for the host's sake
 * @param cpuWhyNot the same for --cpus
 */
public record HostView(
    String engine,
    String engineVersion,
    boolean apparmor,
    boolean selinux,
    String limitsWhyNot,
    String cpuWhyNot) {

  /** An engine where every limit acts. */
  public HostView(String engine, String engineVersion, boolean apparmor, boolean selinux) {
    this(engine, engineVersion, apparmor, selinux, null, null);
  }
}
