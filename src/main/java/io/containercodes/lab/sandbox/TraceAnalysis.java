package io.containercodes.lab.sandbox;

import io.containercodes.lab.sandbox.SandboxReport.Finding;
import io.containercodes.lab.sandbox.StraceParser.Call;
import io.containercodes.lab.sandbox.StraceParser.Trace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What a traced program tried, read from its system calls: each finding named by a detector rule
 * ({@link Rule}), with the evidence, the result and the protection that decided it. Paths are
 * judged as the kernel resolved them ({@link PathResolver}). Pure: a trace in, an {@link
 * Observation} out; the readers of each family of calls are {@link FileCalls}, {@link NetCalls} and
 * {@link ProcessCalls}.
 */
final class TraceAnalysis {
  /**
   * What the analysis needs to know about the sandbox it ran in.
   *
   * @param workspace "/workspace" when a workspace is mounted, else null
   * @param networkNone under {@code --network none} a send that "worked" only reached the sandbox's
   *     own loopback, so nothing got out
   * @param workspaceLink the target of a link under /workspace as the host sees it after the run,
   *     or null (pure tests pass a map's get)
   */
  record Scope(String workspace, boolean networkNone, UnaryOperator<String> workspaceLink) {}

  /**
   * @param findings grouped, in the order they first happened
   * @param scratchWrites bytes written per file in scratch space (files created empty count with 0)
   * @param filesLeft what was in scratch space when it ended, from its calls
   * @param workspaceLinks links it left in the workspace pointing out of it
   * @param peakProcesses the most tasks alive at once, the program included
   * @param complete whether the trace ends with the program's own exit, with nothing escaping it
   * @param incomplete why it is not complete, "" when it is
   * @param killedItself it sent SIGKILL to itself or its own process group
   */
  record Observation(
      List<Finding> findings,
      Map<String, Long> scratchWrites,
      List<String> filesLeft,
      List<String> workspaceLinks,
      int peakProcesses,
      int calls,
      boolean complete,
      String incomplete,
      boolean killedItself,
      int unparsed) {}

  private TraceAnalysis() {}

  /**
   * Every call this analysis reads: the tracer prints exactly these (TracerKit.CALLS is made from
   * this list), so a call the analysis learns to read cannot go unprinted.
   */
  static Set<String> callsRead() {
    Set<String> all = new TreeSet<>();
    all.addAll(FileCalls.names());
    all.addAll(NetCalls.NAMES);
    all.addAll(ProcessCalls.names());
    return all;
  }

  static Observation analyse(Trace trace, Scope scope) {
    TraceContext c = new TraceContext(trace, scope);
    Map<String, Consumer<Call>> readers = readers(c);
    List<StraceParser.Exit> exits = trace.exits();
    int exitIndex = 0;
    for (Call call : trace.calls()) {
      while (exitIndex < exits.size() && exits.get(exitIndex).micros() <= call.micros()) {
        c.ended(exits.get(exitIndex++).pid());
      }
      Consumer<Call> reader = readers.get(call.name());
      if (reader != null) {
        reader.accept(call);
      }
    }
    return observation(c);
  }

  /** Which reader takes each call. */
  private static Map<String, Consumer<Call>> readers(TraceContext c) {
    NetCalls net = new NetCalls(c);
    FileCalls files = new FileCalls(c, net);
    ProcessCalls processes = new ProcessCalls(c);
    Map<String, Consumer<Call>> r = new HashMap<>();
    FileCalls.OPENS.forEach(n -> r.put(n, files::open));
    FileCalls.CHANGES.forEach(n -> r.put(n, files::change));
    FileCalls.MOVES.forEach(n -> r.put(n, files::move));
    FileCalls.LINKS.forEach(n -> r.put(n, files::link));
    FileCalls.WRITES.forEach(n -> r.put(n, files::write));
    r.put("socket", net::socket);
    r.put("connect", net::connect);
    r.put("getsockopt", net::socketError);
    List.of("dup", "dup2", "dup3").forEach(n -> r.put(n, net::dup));
    ProcessCalls.EXECS.forEach(n -> r.put(n, processes::exec));
    ProcessCalls.FORKS.forEach(n -> r.put(n, processes::fork));
    ProcessCalls.SIGNALS.forEach(n -> r.put(n, processes::signal));
    ProcessCalls.PRIVILEGE.keySet().forEach(n -> r.put(n, processes::privileged));
    r.put("io_uring_setup", processes::ioUring);
    return r;
  }

  private static Observation observation(TraceContext c) {
    if (!c.trace.rootEnded()) {
      c.holes.add("the trace ends before the program did");
    }
    return new Observation(
        c.findings.all(),
        c.scratch.written(),
        c.scratch.left(),
        List.copyOf(c.workspaceLinks),
        c.peak(),
        c.trace.calls().size(),
        c.holes.isEmpty(),
        String.join("; ", c.holes),
        c.killedItself,
        c.trace.unparsed());
  }
}
