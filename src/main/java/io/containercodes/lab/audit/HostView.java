package io.containercodes.lab.audit;

import java.util.List;

/**
 * What the audit needs to know about the host it runs on.
 *
 * @param engine "Podman" or "Docker Engine", for the report
 * @param apparmor whether the engine reports AppArmor, so the MAC rule can be evaluated
 * @param limitsWhyNot why --memory and --pids-limit do not act (or may not) on this engine, as the
 *     lab measured it; null when they act. Where they do not, the limit rules are skipped with this
 *     reason: a line is never marked down, nor told to add a limit it has, for the host's sake
 * @param cpuWhyNot the same for --cpus
 * @param facts the engine facts the audit was judged on, as the lab established them (measured by
 *     its probe or read from the engine's record), for the report and the challenge's result
 */
public record HostView(
    String engine,
    String engineVersion,
    boolean apparmor,
    boolean selinux,
    String limitsWhyNot,
    String cpuWhyNot,
    List<EngineFact> facts) {

  /**
   * One engine fact as the audit saw it.
   *
   * @param topic what was asked ("--memory acts")
   * @param answer "yes", "no" or "unknown"
   * @param basis "measured" (the lab's probe), "record" (the engine's word) or "none"
   * @param detail what it means, or why it is unknown
   */
  public record EngineFact(String topic, String answer, String basis, String detail) {}

  public HostView {
    facts = List.copyOf(facts);
  }

  /** An engine where every limit acts, its facts not recorded. */
  public HostView(String engine, String engineVersion, boolean apparmor, boolean selinux) {
    this(engine, engineVersion, apparmor, selinux, null, null, List.of());
  }

  public HostView(
      String engine,
      String engineVersion,
      boolean apparmor,
      boolean selinux,
      String limitsWhyNot,
      String cpuWhyNot) {
    this(engine, engineVersion, apparmor, selinux, limitsWhyNot, cpuWhyNot, List.of());
  }
}
