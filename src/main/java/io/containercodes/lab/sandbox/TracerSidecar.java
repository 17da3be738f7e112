package io.containercodes.lab.sandbox;

import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Helper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The tracer's own container, beside the script's: the trace leaves the reach of the code it
 * traces.
 *
 * <p>The sidecar is started first, and the script's container joins its PID namespace ({@code --pid
 * container:SIDECAR}); they share nothing else (each has its own mounts, network, IPC, cgroup). The
 * sidecar's first process looks for the script's container's process by a nonce the lab put in its
 * arguments ({@link #FIND_AND_TRACE}), then runs strace, attached to it ({@code -p PID -f}), while
 * the script's process waits at a barrier until its {@code TracerPid} is set ({@link
 * SandboxSpecs#BARRIER}) and only then execs the program. So the program is traced from its first
 * instruction, and everything it starts is traced too.
 *
 * <p>Out of the program's reach:
 *
 * <ul>
 *   <li>strace runs as root in its container with only CAP_SYS_PTRACE (to trace another uid) and
 *       CAP_DAC_OVERRIDE (to read the program's {@code /proc/PID/fd} links, which {@code -y} prints
 *       — the final target of every file the kernel opened); the program runs as another uid with
 *       no capability, so it cannot signal, ptrace or read the {@code /proc} entries of strace
 *       ({@code ptrace_may_access}: same uid or CAP_SYS_PTRACE), and the kernel refuses it a second
 *       tracer.
 *   <li>The trace is written to a folder mounted only in the sidecar: the program's mount namespace
 *       has no path to it, and {@code /proc/<strace>/root} and {@code /fd} are closed to it (as
 *       above). Its arguments, which {@code /proc/<pid>/cmdline} shows anyone in the namespace,
 *       name only paths of the sidecar's own mount namespace.
 *   <li>The sidecar's first process is the PID namespace's init, and strace its child ({@link
 *       #FIND_AND_TRACE} says why not the init itself): if strace dies — killed, out of memory, at
 *       its file-size limit — the init ends with it, and the kernel kills every process in the
 *       namespace, so the program never runs on untraced; the lab reports the trace incomplete.
 * </ul>
 */
final class TracerSidecar implements AutoCloseable {
  /** Where the trace folder is mounted in the sidecar, and the file strace writes there. */
  static final String TRACE_MOUNT = "/trace";

  static final String TRACE_FILE = TRACE_MOUNT + "/calls";

  /**
   * The sidecar's first process, and the PID namespace's init: finds the script's container's first
   * process — the one whose arguments carry {@code cclab-barrier-NONCE} (the pattern's "[r]" keeps
   * grep and this script's own text from matching) and whose parent is outside the namespace (PPid
   * 0; a child it forks carries the same arguments until it execs) — then runs strace attached to
   * it, and ends when strace does. strace is its child, not the init itself: an init ignores the
   * signals it has no handler for, SIGXFSZ at the trace's size limit among them, and strace would
   * then run on with its trace cut. The search gives up after about 30 s.
   */
  static final String FIND_AND_TRACE =
      "n=$1; shift; i=0; p=\n"
          + "while [ -z \"$p\" ]; do\n"
          + "  for f in $(grep -l \"cclab-barrie[r]-$n\" /proc/[0-9]*/cmdline 2>/dev/null); do\n"
          + "    q=${f#/proc/}; q=${q%%/*}\n"
          + "    if grep -q '^PPid:[[:space:]]*0$' \"/proc/$q/status\" 2>/dev/null; then p=$q; fi\n"
          + "  done\n"
          + "  if [ -z \"$p\" ]; then\n"
          + "    i=$((i+1))\n"
          + "    if [ $i -ge 3000 ]; then echo 'cclab: the script never appeared' >&2; exit 3; fi\n"
          + "    sleep 0.01\n"
          + "  fi\n"
          + "done\n"
          + "\"$@\" -p \"$p\"\n";

  private final Helper helper;

  private TracerSidecar(Helper helper) {
    this.helper = helper;
  }

  static TracerSidecar start(Engine engine, AdmittedRun admitted) {
    return new TracerSidecar(engine.startHelper(admitted));
  }

  /** The sidecar's command: the search, then strace's own command line. */
  static List<String> command(String nonce, List<String> strace) {
    List<String> c = new ArrayList<>(List.of("sh", "-c", FIND_AND_TRACE, "cclab-tracer", nonce));
    c.addAll(strace);
    return c;
  }

  String containerId() {
    return helper.id();
  }

  /**
   * How the tracer ended: it ends by itself once the program and everything it started are gone;
   * one still running after {@code within} (a process the program left, which the engine has not
   * killed yet) is killed.
   */
  Ending finish(Duration within) {
    Helper.Exit exit = helper.awaitExit(within);
    return new Ending(exit, SandboxRunner.tracerError(helper.logs().stderr().text()));
  }

  /**
   * @param complaint strace's (or the search's) own words on standard error, "" when none
   */
  record Ending(Helper.Exit exit, String complaint) {
    /** It ended by itself, as it does when everything it traced is gone. */
    boolean byItself() {
      return !exit.timedOut() && exit.exitCode() == 0;
    }
  }

  @Override
  public void close() {
    helper.close();
  }
}
