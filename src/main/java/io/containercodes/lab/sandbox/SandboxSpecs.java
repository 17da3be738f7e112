package io.containercodes.lab.sandbox;

import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.engine.RunSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The containers of one sandbox run, built in one place: the script's hardened container and, when
 * it is traced, the tracer's sidecar ({@link TracerSidecar}). The script's container joins the
 * sidecar's PID namespace, whose id is known only once the sidecar exists: {@link #scriptJoining}
 * fills it in.
 *
 * @param tracer the sidecar's spec, null when the run is not traced
 * @param script the script's spec, without the sidecar's PID namespace
 */
record SandboxSpecs(RunSpec tracer, RunSpec script) {
  /**
   * The script's container's first process: copies the script into /work, waits until a tracer is
   * attached to it ({@code TracerPid} in its own status; a shell's builtins only, since the image
   * may have nothing else), then becomes the program. Were the sidecar never to attach, its search
   * gives up and the sidecar's end ends this container too.
   */
  static final String BARRIER =
      "cp \""
          + SandboxTarget.INPUT
          + "$CCLAB_FILE\" /work/ || exit 125\n"
          + "cd /work || exit 125\n"
          + "traced() {\n"
          + "  while read -r k v; do\n"
          + "    if [ \"$k\" = TracerPid: ]; then [ \"$v\" != 0 ]; return; fi\n"
          + "  done < /proc/$$/status\n"
          + "  return 1\n"
          + "}\n"
          + "until traced; do sleep 0.01 2>/dev/null; done\n"
          + "exec \"$@\"\n";

  /** The same without a tracer to wait for. */
  static final String UNTRACED =
      "cp \""
          + SandboxTarget.INPUT
          + "$CCLAB_FILE\" /work/ || exit 125\n"
          + "cd /work || exit 125\n"
          + "exec \"$@\"\n";

  /** What the tracer's sidecar needs: strace's kit, the folder for the trace, the nonce. */
  record Tracing(
      TracerKit kit,
      Path traceDir,
      String nonce,
      String image,
      List<String> extraFlags,
      long maxTraceBytes,
      long hardNofile,
      long hardNproc) {}

  /**
   * Everything the run's containers are made from.
   *
   * @param resolvConf the sandbox's resolv.conf (its resolver: the canary, or its own loopback)
   * @param seccomp the sandbox's seccomp profile ({@link SandboxSeccomp})
   * @param network "none", or the canary's network
   * @param tracing null for an untraced run
   */
  record Setting(
      SandboxOptions options,
      SandboxTarget target,
      Path resolvConf,
      Path seccomp,
      String network,
      Tracing tracing) {}

  static SandboxSpecs of(Setting s) {
    return new SandboxSpecs(s.tracing() == null ? null : tracer(s), script(s));
  }

  static final String REFUSED = "The sandbox will not mount this workspace or script:";
  static final String REFUSED_FIX =
      "Give the project directory the script needs, nothing above it, and keep the script out of"
          + " the host's system folders.";

  /**
   * The script's spec in the sidecar's PID namespace, with the lab's consent to that join and to
   * nothing else: anything else the guardrails find in it is refused.
   *
   * <p>The guardrails count a PID join of a container that shares something with the host as
   * sharing it too, since a joiner that may ptrace the target's processes reaches their
   * capabilities and, through {@code /proc/PID/root}, their mounts. The sidecar holds
   * CAP_SYS_PTRACE and a writable mount of the trace folder, both the lab's and both consented to
   * in its own spec. The script cannot reach them: it runs as another uid with no capability and
   * {@code no-new-privileges}, so {@code ptrace_may_access} refuses it every process of the sidecar
   * (same uid or CAP_SYS_PTRACE, ptrace(2)), which the selftest's ptrace and indirect-path samples
   * check. The engine judges the join from the sidecar's record, which it checked against the
   * sidecar's spec after the create, so the join shares exactly what the lab put there.
   */
  RunSpec scriptJoining(String tracerId, Guardrails rules) {
    RunSpec joined = script.toBuilder().pidMode("container:" + tracerId).build();
    String join = "--pid " + joined.pidMode();
    List<Guardrails.Violation> other =
        rules.violations(joined).stream().filter(v -> !v.flag().equals(join)).toList();
    if (!other.isEmpty()) {
      throw Guardrails.refusal(REFUSED, other, REFUSED_FIX);
    }
    return joined.toBuilder().consent(true).build();
  }

  /** The hardened spec: read-only root, no capabilities, scratch tmpfs, the script read-only. */
  private static RunSpec script(Setting s) {
    SandboxOptions o = s.options();
    SandboxTarget t = s.target();
    List<String> command = new ArrayList<>(List.of("sh", "-c"));
    command.add(s.tracing() == null ? UNTRACED : BARRIER);
    command.add(s.tracing() == null ? "cclab-sandbox" : "cclab-barrier-" + s.tracing().nonce());
    command.addAll(t.program());
    RunSpec.Builder b =
        RunSpec.builder(t.image())
            .command(command)
            .env("CCLAB_FILE", t.name())
            .user(t.labImage() ? "1000:1000" : "65534:65534")
            .readOnlyRoot(true)
            // Podman's --read-only would add writable, exec-able tmpfs on /run and /var/tmp
            .readOnlyTmpfs(false)
            .tmpfs(new RunSpec.Tmpfs("/tmp", "rw,noexec,nosuid,nodev,size=64m"))
            .tmpfs(new RunSpec.Tmpfs("/work", "rw,noexec,nosuid,nodev,size=16m,mode=1777"))
            .bind(
                new RunSpec.BindMount(
                    t.file().toString(), SandboxTarget.INPUT + t.name(), true, List.of()))
            .bind(
                new RunSpec.BindMount(
                    s.resolvConf().toString(), "/etc/resolv.conf", true, List.of()))
            .network(s.network())
            .capDrop("ALL")
            .securityOpt("no-new-privileges")
            .securityOpt("seccomp=" + s.seccomp())
            .memoryBytes(o.memoryBytes())
            .memorySwapBytes(o.memoryBytes())
            .nanoCpus(Math.round(o.cpus() * 1e9))
            .pidsLimit(o.pids())
            .timeout(o.timeout())
            .captureChanges(true)
            .label("io.containercodes.lab.sandbox", t.name());
    if (o.workspace() != null) {
      b.bind(
          new RunSpec.BindMount(
              o.workspace().toAbsolutePath().normalize().toString(),
              "/workspace",
              !o.writableWorkspace(),
              List.of()));
    }
    return b.build();
  }

  /**
   * The tracer's sidecar. It carries the lab's consent for CAP_SYS_PTRACE, which the guardrails
   * refuse in a user's line: here it reaches only the PID namespace the sidecar itself creates,
   * which holds nothing but the sandboxed script, and the sidecar runs nothing but strace.
   */
  private static RunSpec tracer(Setting s) {
    Tracing t = s.tracing();
    long fsize = t.maxTraceBytes();
    long nofile = Math.min(t.hardNofile(), 1L << 20);
    long nproc = Math.min(t.hardNproc(), 32_768);
    RunSpec.Builder b =
        RunSpec.builder(t.image())
            .command(
                TracerSidecar.command(
                    t.nonce(), t.kit().command(TracerSidecar.TRACE_FILE, t.extraFlags())))
            .user("0:0")
            .readOnlyRoot(true)
            .readOnlyTmpfs(false)
            .network("none")
            .capDrop("ALL")
            .capAdd("SYS_PTRACE")
            .capAdd("DAC_OVERRIDE")
            .securityOpt("no-new-privileges")
            .bind(
                new RunSpec.BindMount(
                    t.traceDir().toString(), TracerSidecar.TRACE_MOUNT, false, List.of()))
            .memoryBytes(256L << 20)
            .memorySwapBytes(256L << 20)
            .nanoCpus(1_000_000_000L)
            .pidsLimit(32L)
            // naming one ulimit makes Podman drop its configured defaults, which exceed some hosts'
            // hard limits: name the others too, within this host's limits
            .ulimit(new RunSpec.Ulimit("fsize", fsize, fsize))
            .ulimit(new RunSpec.Ulimit("nofile", nofile, nofile))
            .ulimit(new RunSpec.Ulimit("nproc", nproc, nproc))
            .timeout(s.options().timeout().plus(Duration.ofSeconds(60)))
            .label("io.containercodes.lab.sandbox.tracer", s.target().name())
            .consent(true);
    if (t.kit().mount() != null) { // the host's strace; the tracer image has its own
      b.bind(t.kit().mount());
    }
    return b.build();
  }
}
