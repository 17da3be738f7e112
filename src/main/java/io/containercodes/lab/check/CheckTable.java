package io.containercodes.lab.check;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The checks table of docs/authoring.md, row by row: each row the {@link CheckKind}s it covers,
 * when they pass, and where their evidence comes from ({@link #markdownTable()}; a test keeps the
 * doc equal to it and every kind in exactly one row, with the kind's own source).
 */
public enum CheckTable {
  EXIT_CODE(
      "`exit-code: 0` / `exit-code: nonzero`",
      EvidenceSource.WORKLOAD_OUTPUT,
      "the main process exited with that status (the workload chooses it)",
      "exit-code: 0"),
  OOM_KILLED(
      "`oom-killed: true\\|false`",
      EvidenceSource.ENGINE_RECORD,
      "the OOM killer ended it, as the engine (State.OOMKilled) or the container's memory cgroup"
          + " recorded it; exit 137 alone is \"killed by SIGKILL, cause unknown\" (see"
          + " docs/architecture.md). The sentence says whose limit it was: the line's, or the"
          + " lab's safety cap",
      "oom-killed: true"),
  TIMED_OUT(
      "`timed-out: true\\|false`",
      EvidenceSource.OUTSIDE_EFFECT,
      "the lab's timeout killed it",
      "timed-out: false"),
  DURATION_UNDER(
      "`duration-under: 10s`",
      EvidenceSource.OUTSIDE_EFFECT,
      "it finished within that time, by the lab's clock",
      "duration-under: 10s"),
  PEAK_MEMORY_UNDER(
      "`peak-memory-under: 64m`",
      EvidenceSource.ENGINE_RECORD,
      "the recorded peak (the memory cgroup's high-water mark, or Docker's max_usage) stayed under"
          + " it; skipped where there is only the engine's once-a-second samples, which can miss a"
          + " spike (a sample at or over the mark still fails it)",
      "peak-memory-under: 64m"),
  STDOUT_TEXT(
      "`stdout-contains`, `stdout-lacks`, `stdout-matches`",
      EvidenceSource.WORKLOAD_OUTPUT,
      "on standard output; `matches` takes a regular expression (multi-line)",
      "stdout-contains: done"),
  OTHER_TEXT(
      "`stderr-…`, `output-…`",
      EvidenceSource.WORKLOAD_OUTPUT,
      "the same on standard error, or on either",
      "stderr-lacks: error"),
  FS_UNCHANGED(
      "`fs-unchanged: true`",
      EvidenceSource.OUTSIDE_EFFECT,
      "the engine's changes API shows nothing written in the container's own filesystem (tmpfs"
          + " mounts and the engine's own mount points are not counted)",
      "fs-unchanged: true"),
  FS_CHANGED(
      "`fs-changed: /path`",
      EvidenceSource.OUTSIDE_EFFECT,
      "that path was written in the container's filesystem",
      "fs-changed: /etc"),
  HOST_UNCHANGED(
      "`host-unchanged: $(pwd)/file`",
      EvidenceSource.OUTSIDE_EFFECT,
      "the host file has the same content after the step",
      "host-unchanged: $(pwd)/file"),
  CANARY_REACHED(
      "`canary-reached: true\\|false`",
      EvidenceSource.OUTSIDE_EFFECT,
      "the canary answered at least one request during the step",
      "canary-reached: false"),
  NO_NETWORK(
      "`no-network: true`",
      EvidenceSource.ENGINE_RECORD,
      "the engine's record of the container says it had no network but loopback (`--network"
          + " none`); the canary alone cannot tell, since a container on another network misses"
          + " the canary and still reaches everything else",
      "no-network: true"),
  ENGINE_EVENTS(
      "`engine-events: [start, \"die (exit 137)\"]`",
      EvidenceSource.ENGINE_RECORD,
      "the engine's event stream (what `podman events` shows) reported these for the step's"
          + " container, in this order, others allowed between; the runner follows the stream"
          + " only for steps that have this check. Docker also reports `oom`; Podman 4.3 does"
          + " not, so write checks both engines pass",
      "engine-events: [start]"),
  CONFIG(
      "`config: {read-only-root: true, …}`",
      EvidenceSource.ENGINE_RECORD,
      "the engine's record of the container meets each requirement (below): what the engine"
          + " applied, judged against what the line itself set, so the lab's safety caps and"
          + " substitutions never count",
      "config: {read-only-root: true}"),
  TWIN_PROBE(
      "`twin-probe: {writable: [/tmp], …}`",
      EvidenceSource.LAB_PROBE,
      "the lab's probe, run by the lab in a twin of the container (same flags, the lab's"
          + " command; below), found each requirement met",
      "twin-probe: {user: not-root}"),
  PROBE(
      "`probe: {key: value, …}`",
      EvidenceSource.WORKLOAD_OUTPUT,
      "the shared probe (`sh /probe.sh`, mounted from `demos/_shared/probe.sh`) printed those"
          + " facts; the line's own command runs it, so it can print them itself: use"
          + " `twin-probe` for a protection",
      "probe: {uid: \"0\"}"),
  REQUIRES(
      "`requires:"
          + " seccomp\\|apparmor\\|selinux\\|limits\\|cpu-limits\\|podman\\|docker\\|docker<23\\|podman>=4.7…`",
      EvidenceSource.HOST_FEATURE,
      "the engine reports the feature (`limits`: `--memory` and `--pids-limit` act, which a"
          + " rootless engine on cgroup v1 ignores; `cpu-limits`: `--cpus` acts, which on cgroup"
          + " v2 needs the cpu controller delegated to a rootless user; `podman`/`docker`: the"
          + " engine, for a step that shows one engine's behaviour; `podman>=4.7`, `docker<23`:"
          + " the engine and a range of its versions, a version the lab cannot read being in"
          + " none); otherwise the **whole step is skipped**, never passed",
      "requires: seccomp");

  private final String written;
  private final EvidenceSource source;
  private final String passesWhen;
  private final String example;

  CheckTable(String written, EvidenceSource source, String passesWhen, String example) {
    this.written = written;
    this.source = source;
    this.passesWhen = passesWhen;
    this.example = example;
  }

  /** The kinds of check this row covers. */
  public java.util.List<CheckKind> kinds() {
    return switch (this) {
      case STDOUT_TEXT ->
          java.util.List.of(
              CheckKind.STDOUT_CONTAINS, CheckKind.STDOUT_LACKS, CheckKind.STDOUT_MATCHES);
      case OTHER_TEXT ->
          java.util.List.of(
              CheckKind.STDERR_CONTAINS,
              CheckKind.STDERR_LACKS,
              CheckKind.STDERR_MATCHES,
              CheckKind.OUTPUT_CONTAINS,
              CheckKind.OUTPUT_LACKS,
              CheckKind.OUTPUT_MATCHES);
      default -> java.util.List.of(CheckKind.valueOf(name()));
    };
  }

  public EvidenceSource source() {
    return source;
  }

  /** A check of this row as a demo file writes it (the test parses each). */
  public String example() {
    return example;
  }

  /**
   * The checks table of docs/authoring.md: check, when it passes, where its evidence comes from.
   */
  public static String markdownTable() {
    return "| check | passes when | evidence |\n|---|---|---|\n"
        + Arrays.stream(values())
            .map(k -> "| " + k.written + " | " + k.passesWhen + " | " + k.source.words() + " |")
            .collect(Collectors.joining("\n"))
        + "\n";
  }
}
