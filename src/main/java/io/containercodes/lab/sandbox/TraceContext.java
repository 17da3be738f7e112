package io.containercodes.lab.sandbox;

import io.containercodes.lab.sandbox.StraceParser.Call;
import io.containercodes.lab.sandbox.StraceParser.Trace;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one pass over a trace knows so far, shared by the readers of its calls ({@link FileCalls},
 * {@link NetCalls}, {@link ProcessCalls}): the findings, the paths' links, the scratch space, the
 * program's processes and sockets, and the holes in the trace.
 */
final class TraceContext {
  final Trace trace;
  final TraceAnalysis.Scope scope;
  final Findings findings;
  final PathResolver paths;
  final ScratchFiles scratch = new ScratchFiles();

  /** Every pid the trace shows: the program's processes. */
  final Set<Integer> tracees = new HashSet<>();

  /** Files the program created or wrote, anywhere: running one of them is drop-and-execute. */
  final Set<String> written = new HashSet<>();

  /** socket:[inode] → what is known of it. */
  final Map<String, SocketInfo> sockets = new HashMap<>();

  /** socket:[inode] → the resolver a connected UDP socket talks to. */
  final Map<String, String> dnsSockets = new HashMap<>();

  /** socket:[inode] → the target of a connect still in progress. */
  final Map<String, String> pending = new HashMap<>();

  /** Links it left in the workspace pointing out of it: "path -> target". */
  final Set<String> workspaceLinks = new LinkedHashSet<>();

  /** Why the trace has a hole, in the order found; empty when it has none. */
  final Set<String> holes = new LinkedHashSet<>();

  /** The program sent SIGKILL to itself or its process group (exit 137 is then no OOM kill). */
  boolean killedItself;

  private final Set<Integer> live = new HashSet<>();
  private int peak;

  /** A socket: its address family and type, and how its connect went (null before one). */
  static final class SocketInfo {
    final String domain;
    final String type;
    String destination;
    String connectErrno;
    boolean connected;

    SocketInfo(String domain, String type) {
      this.domain = domain;
      this.type = type;
    }
  }

  TraceContext(Trace trace, TraceAnalysis.Scope scope) {
    this.trace = trace;
    this.scope = scope;
    this.findings = new Findings(trace.startMicros(), scope);
    trace.calls().forEach(x -> tracees.add(x.pid()));
    // a child that made no traced call is still the program's
    trace.calls().stream()
        .filter(x -> ProcessCalls.FORKS.contains(x.name()) && x.value() != null && x.value() > 0)
        .forEach(x -> tracees.add(x.value().intValue()));
    trace.exits().forEach(x -> tracees.add(x.pid()));
    this.paths = new PathResolver(scope.workspaceLink(), tracees::contains);
    if (trace.rootPid() >= 0) {
      live.add(trace.rootPid());
    }
    peak = live.size();
  }

  void started(int pid) {
    live.add(pid);
    peak = Math.max(peak, live.size());
  }

  void ended(int pid) {
    live.remove(pid);
  }

  int peak() {
    return peak;
  }

  /** The directory a relative path of {@code call} is resolved against: its dirfd's -y path. */
  String resolve(Call call, int dirArg, int pathArg, boolean followLast) {
    String dir = dirArg < 0 ? null : StraceParser.fdPath(call.arg(dirArg));
    return paths.resolve(call.pid(), dir, StraceParser.text(call.arg(pathArg)), followLast);
  }

  /** A process the program does not own: the tracer, or nothing of the sandbox's. */
  boolean stranger(long pid) {
    return pid <= 0 ? pid < 0 : !tracees.contains((int) pid);
  }
}
