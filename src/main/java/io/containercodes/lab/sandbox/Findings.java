package io.containercodes.lab.sandbox;

import io.containercodes.lab.sandbox.SandboxReport.Finding;
import io.containercodes.lab.sandbox.StraceParser.Call;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Groups what the calls tried into findings by kind, rule, target, result and errno, in order of
 * first appearance, each with the first calls behind it as evidence.
 */
final class Findings {
  private static final int EVIDENCE_CHARS = 240;

  private final long start;
  private final TraceAnalysis.Scope scope;
  private final LinkedHashMap<String, Finding> groups = new LinkedHashMap<>();

  Findings(long start, TraceAnalysis.Scope scope) {
    this.start = start;
    this.scope = scope;
  }

  /** A finding whose result and protection follow from the call's own result. */
  void add(String kind, Rule rule, String target, Call call) {
    String errno = call.errno();
    String result;
    if (errno != null) {
      result = "blocked";
    } else if (call.result().startsWith("?")) {
      result = "unknown";
    } else {
      result = kind.equals("exec") && rule == null ? "ran" : "allowed";
    }
    add(kind, rule, target, call, result, errno, Protections.stoppedBy(rule, kind, errno, target));
  }

  void add(
      String kind,
      Rule rule,
      String target,
      Call call,
      String result,
      String errno,
      String protection) {
    if (scope.networkNone() && kind.equals("network") && rule == Rule.OUTBOUND_CONNECTION) {
      if (result.equals("allowed") && (target.startsWith("127.") || target.startsWith("[::1]"))) {
        return; // talking to a server of its own on the sandbox's own loopback tries nothing
      }
    }
    if (scope.networkNone()
        && (kind.equals("network") || kind.equals("dns"))
        && result.equals("allowed")) {
      result = "blocked";
      protection = "--network none (its loopback is its own)";
    }
    String wouldStop = result.equals("allowed") ? Protections.wouldStop(rule) : "";
    if (result.equals("allowed") && kind.equals("write") && rule == Rule.WRITE_TO_WORKSPACE) {
      protection = "--writable-workspace let it";
    }
    put(
        new Finding(
            kind,
            rule == null ? null : rule.title(),
            rule == null ? null : rule.priority(),
            rule == null ? null : rule.technique(),
            target,
            result,
            errno,
            protection,
            wouldStop,
            1,
            Math.max(0, (call.micros() - start) / 1000),
            List.of(evidence(call))));
  }

  /** A finding the lab adds at the end (a limit the run hit), with its own words as evidence. */
  void addLimit(Rule rule, String kind, String target, String protection, long atMs, String why) {
    put(
        new Finding(
            kind,
            rule.title(),
            rule.priority(),
            rule.technique(),
            target,
            "blocked",
            null,
            protection,
            "",
            1,
            atMs,
            List.of(why)));
  }

  private void put(Finding f) {
    String key =
        f.kind() + "\0" + f.rule() + "\0" + f.target() + "\0" + f.result() + "\0" + f.errno();
    groups.merge(key, f, (a, b) -> a.plusOne(b.evidence()));
  }

  /** An in-progress connect whose outcome a later SO_ERROR told. */
  void resolvePending(String kind, Rule rule, String target, String errno) {
    String key = kind + "\0" + rule.title() + "\0" + target + "\0pending\0null";
    Finding p = groups.get(key);
    if (p == null) {
      return;
    }
    if (p.count() == 1) {
      groups.remove(key);
    } else {
      groups.put(key, withCount(p, p.count() - 1));
    }
    String result = errno == null ? "allowed" : "blocked";
    String protection = Protections.stoppedBy(rule, kind, errno, target);
    Finding done =
        new Finding(
            kind,
            p.rule(),
            p.priority(),
            p.technique(),
            target,
            result,
            errno,
            protection,
            result.equals("allowed") ? Protections.wouldStop(rule) : "",
            1,
            p.firstMs(),
            p.evidence());
    if (scope.networkNone() && result.equals("allowed")) {
      done = blockedByNetworkNone(done);
    }
    put(done);
  }

  private static Finding blockedByNetworkNone(Finding f) {
    return new Finding(
        f.kind(),
        f.rule(),
        f.priority(),
        f.technique(),
        f.target(),
        "blocked",
        f.errno(),
        "--network none (its loopback is its own)",
        "",
        f.count(),
        f.firstMs(),
        f.evidence());
  }

  private static Finding withCount(Finding f, int count) {
    return new Finding(
        f.kind(),
        f.rule(),
        f.priority(),
        f.technique(),
        f.target(),
        f.result(),
        f.errno(),
        f.protection(),
        f.wouldStop(),
        count,
        f.firstMs(),
        f.evidence());
  }

  /**
   * The findings in order of first appearance; a connect still pending when the trace ended (or
   * never checked by the program) has an unknown outcome.
   */
  List<Finding> all() {
    List<Finding> all = new ArrayList<>();
    for (Finding f : groups.values()) {
      all.add(
          f.result().equals("pending")
              ? new Finding(
                  f.kind(),
                  f.rule(),
                  f.priority(),
                  f.technique(),
                  f.target(),
                  "unknown",
                  f.errno(),
                  f.protection(),
                  "",
                  f.count(),
                  f.firstMs(),
                  f.evidence())
              : f);
    }
    all.sort(Comparator.comparingLong(Finding::firstMs));
    return all;
  }

  /** One call as evidence: "pid 12: openat(AT_FDCWD</work>, "/tmp/l", O_RDONLY) = -1 EACCES". */
  static String evidence(Call call) {
    String args = call.args();
    if (args.length() > EVIDENCE_CHARS) {
      args = args.substring(0, EVIDENCE_CHARS - 1) + "…";
    }
    return "pid " + call.pid() + ": " + call.name() + "(" + args + ") = " + call.result();
  }
}
