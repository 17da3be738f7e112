package io.containercodes.lab.audit;

import io.containercodes.lab.engine.RunSpec;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CIS section 5 checks docker-bench-security makes that concern a service more than a sandbox:
 * ports, restart policy, health check, cgroup parent, mount propagation, the default bridge,
 * SELinux options, sshd. They weigh 0 (reported, not scored), and several judge the run line
 * itself, because the audit's own run opens no port and applies no restart policy. Numbers as in
 * docker-bench-security's tests/5_container_runtime.sh ({@link AuditRules#CIS_EDITION}).
 */
final class LineRules {
  private LineRules() {}

  /** A rule that needs the parsed line; skipped when the audit has none. */
  private static Rule onLine(
      String id,
      String title,
      String cis,
      Severity severity,
      String fix,
      Function<RunSpec, Verdict> test) {
    return new Rule(
        id,
        title,
        cis,
        severity,
        0,
        fix,
        s ->
            s.line() == null
                ? Verdict.skipped("the run line is not available")
                : test.apply(s.line()));
  }

  /**
   * 5.3: label=disable turns SELinux confinement off wherever the line runs. CIS 5.3 asks for
   * SELinux options "if applicable": on a host without SELinux the rule is not applicable
   * (skipped), never passed, unless the line disables it outright.
   */
  static Rule selinuxOptions() {
    return new Rule(
        "selinux-options",
        "SELinux confinement disabled",
        "5.3",
        Severity.MEDIUM,
        0,
        "drop --security-opt label=disable (label=type:container_t names the type Podman uses"
            + " anyway)",
        s -> {
          if (s.line() == null) {
            return Verdict.skipped("the run line is not available");
          }
          List<String> labels =
              s.line().securityOpts().stream().filter(o -> o.startsWith("label=")).toList();
          boolean disabled = labels.contains("label=disable");
          String host =
              s.host().selinux()
                  ? ""
                  : " (this host has no SELinux; the line would act on one that has)";
          if (!disabled && !s.host().selinux()) {
            return Verdict.skippedByHost("not applicable: this host has no SELinux");
          }
          return Verdict.failIf(
              disabled,
              "--security-opt label=disable runs the container unconfined" + host,
              labels.isEmpty()
                  ? "the engine's default SELinux labelling applies" + host
                  : "labels: " + String.join(", ", labels));
        });
  }

  /**
   * 5.7: an sshd started by the line itself. The image's own default command is not run by the
   * audit.
   */
  static Rule sshd() {
    return onLine(
        "sshd",
        "SSH daemon started in the container",
        "5.7",
        Severity.LOW,
        "do not run sshd in a container; use podman exec / docker exec",
        line -> {
          boolean ssh =
              Stream.concat(
                      line.entrypoint() == null ? Stream.empty() : line.entrypoint().stream(),
                      line.command().stream())
                  .anyMatch(w -> w.matches("(?s)(.*[\\s;&|/])?sshd(\\s.*)?"));
          return Verdict.failIf(
              ssh,
              "the line's command starts sshd",
              "the line starts no sshd (an image's default command is not checked)");
        });
  }

  /** 5.8: host ports below 1024. */
  static Rule privilegedPorts() {
    return onLine(
        "privileged-ports",
        "Privileged host ports mapped",
        "5.8",
        Severity.LOW,
        "publish on a host port of 1024 or above (-p 8080:80)",
        line -> {
          List<String> low =
              line.publish().stream()
                  .filter(p -> p.hostPort() != null && p.hostPort() < 1024)
                  .map(LineRules::describe)
                  .toList();
          return Verdict.failIf(
              !low.isEmpty(),
              "host ports below 1024: " + String.join(", ", low),
              "no host port below 1024");
        });
  }

  /** 5.9: every published port must be needed; the audit can only list them. */
  static Rule publishedPorts() {
    return onLine(
        "published-ports",
        "Ports published",
        "5.9",
        Severity.INFO,
        "publish only the ports the work needs; untrusted code needs none",
        line ->
            Verdict.failIf(
                !line.publish().isEmpty(),
                line.publish().size()
                    + " port(s) published, each to be justified: "
                    + line.publish().stream()
                        .map(LineRules::describe)
                        .collect(Collectors.joining(", ")),
                "no port published"));
  }

  /** 5.14: a published port without a host address listens on every interface of the host. */
  static Rule portBinding() {
    return onLine(
        "port-binding",
        "Published ports open on every host interface",
        "5.14",
        Severity.MEDIUM,
        "bind to one address: -p 127.0.0.1:8080:80",
        line -> {
          List<String> open =
              line.publish().stream()
                  .filter(RunSpec.Publish::allInterfaces)
                  .map(LineRules::describe)
                  .toList();
          return Verdict.failIf(
              !open.isEmpty(),
              "reachable from the network on every interface: "
                  + String.join(", ", open)
                  + " (the lab itself bound them to 127.0.0.1)",
              (line.publish().isEmpty()
                  ? "no port published"
                  : "every published port names a host address"));
        });
  }

  /** 5.12: CPU priority (shares). docker-bench also accepts a CPU quota here; so does the lab. */
  static Rule cpuPriority() {
    return new Rule(
        "cpu-priority",
        "No CPU shares or quota",
        "5.12",
        Severity.INFO,
        0,
        "--cpu-shares 512 (or --cpus 1)",
        s -> {
          Long shares = s.line() == null ? null : s.line().cpuShares();
          boolean quota =
              (s.line() != null && s.line().nanoCpus() != null)
                  || (s.config() != null && s.config().nanoCpus() != null);
          boolean set = (shares != null && shares > 0) || quota;
          return Verdict.failIf(
              !set,
              shares != null && shares > 0
                  ? "CPU shares " + shares
                  : quota
                      ? "no CPU shares, but a CPU quota caps it"
                      : "neither CPU shares nor a CPU quota");
        });
  }

  /** 5.15: on-failure with at most 5 retries (or no restart policy at all). */
  static Rule restartPolicy() {
    return onLine(
        "restart-policy",
        "Restart policy unbounded",
        "5.15",
        Severity.INFO,
        "--restart on-failure:5 (or none)",
        line -> {
          String p = line.restartPolicy();
          if (p == null || p.equals("no")) {
            return Verdict.pass("no restart policy");
          }
          boolean bounded = p.matches("on-failure:[0-5]") && !p.equals("on-failure:0");
          return Verdict.failIf(
              !bounded,
              "--restart " + p + (bounded ? "" : ": the container restarts without a bound"));
        });
  }

  /** 5.20: shared propagation lets mounts made in the container appear on the host, and back. */
  static Rule mountPropagation() {
    return new Rule(
        "mount-propagation",
        "Shared mount propagation",
        "5.20",
        Severity.MEDIUM,
        0,
        "no shared/rshared on -v or --mount (bind-propagation)",
        s -> {
          List<String> shared = new java.util.ArrayList<>(s.words("shared_mounts"));
          if (s.config() != null) {
            s.config().mounts().stream()
                .filter(m -> m.propagation().contains("shared"))
                .map(m -> m.destination() + " (" + m.propagation() + ")")
                .forEach(shared::add);
          }
          return Verdict.failIf(
              !shared.isEmpty(),
              "shared mounts: " + String.join(", ", shared),
              "no mount propagates to or from the host");
        });
  }

  /**
   * 5.25: a cgroup parent other than the engine's puts the container's limits under someone else's.
   */
  static Rule cgroupParent() {
    return onLine(
        "cgroup-parent",
        "Cgroup parent changed",
        "5.25",
        Severity.LOW,
        "drop --cgroup-parent",
        line ->
            Verdict.failIf(
                line.cgroupParent() != null,
                "--cgroup-parent " + line.cgroupParent(),
                "the engine's own cgroup parent"));
  }

  /** 5.27: a health check; an image's own HEALTHCHECK is not seen here. */
  static Rule healthCheck() {
    return onLine(
        "health-check",
        "No health check",
        "5.27",
        Severity.INFO,
        "--health-cmd 'CMD' for a long-running service",
        line ->
            Verdict.failIf(
                line.healthCmd() == null,
                "the line sets no --health-cmd (a HEALTHCHECK in the image is not checked)",
                "--health-cmd " + line.healthCmd()));
  }

  /** 5.30: the engine's default bridge (Docker's docker0, Podman's "podman" network). */
  static Rule defaultBridge() {
    return new Rule(
        "default-bridge",
        "Engine's default bridge network",
        "5.30",
        Severity.LOW,
        0,
        "--network none, or a network of your own (podman network create --internal …)",
        s -> {
          if (s.config() == null) {
            return Verdict.skipped("the engine's inspect data is missing");
          }
          String mode = s.config().networkMode();
          return Verdict.failIf(
              mode.equals("bridge"),
              "on the engine's default bridge, shared with every container started without"
                  + " --network",
              "network: " + mode);
        });
  }

  private static String describe(RunSpec.Publish p) {
    return (p.hostIp().isEmpty() ? "" : p.hostIp() + ":")
        + (p.hostPort() == null ? "" : p.hostPort())
        + "→"
        + p.containerPort()
        + "/"
        + p.protocol();
  }
}
