package io.containercodes.lab.check;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every kind of check a demo can write, by the key it is written with ({@code oom-killed}): the
 * parser reads a key into one, and the runner asks a kind what evidence it needs, so neither keeps
 * its own list of strings. Each kind says where its evidence comes from ({@link #source()}); the
 * checks table of docs/authoring.md ({@link CheckTable}) groups them.
 */
public enum CheckKind {
  EXIT_CODE,
  OOM_KILLED,
  TIMED_OUT,
  DURATION_UNDER,
  PEAK_MEMORY_UNDER,
  STDOUT_CONTAINS,
  STDOUT_LACKS,
  STDOUT_MATCHES,
  STDERR_CONTAINS,
  STDERR_LACKS,
  STDERR_MATCHES,
  OUTPUT_CONTAINS,
  OUTPUT_LACKS,
  OUTPUT_MATCHES,
  FS_UNCHANGED,
  FS_CHANGED,
  HOST_UNCHANGED,
  CANARY_REACHED,
  NO_NETWORK,
  PROBE,
  ENGINE_EVENTS,
  CONFIG,
  TWIN_PROBE,
  REQUIRES;

  /** As a demo file writes it: {@code peak-memory-under}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<CheckKind> ofKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
  }

  /** Every key, for the message that names them. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(CheckKind::key).toList();
  }

  /** Where a check of this kind finds its evidence: only some sources can show a protection. */
  public EvidenceSource source() {
    return switch (this) {
      case OOM_KILLED, PEAK_MEMORY_UNDER, NO_NETWORK, ENGINE_EVENTS, CONFIG ->
          EvidenceSource.ENGINE_RECORD;
      case TWIN_PROBE -> EvidenceSource.LAB_PROBE;
      case TIMED_OUT, DURATION_UNDER, FS_UNCHANGED, FS_CHANGED, HOST_UNCHANGED, CANARY_REACHED ->
          EvidenceSource.OUTSIDE_EFFECT;
      case REQUIRES -> EvidenceSource.HOST_FEATURE;
      case EXIT_CODE,
          STDOUT_CONTAINS,
          STDOUT_LACKS,
          STDOUT_MATCHES,
          STDERR_CONTAINS,
          STDERR_LACKS,
          STDERR_MATCHES,
          OUTPUT_CONTAINS,
          OUTPUT_LACKS,
          OUTPUT_MATCHES,
          PROBE ->
          EvidenceSource.WORKLOAD_OUTPUT;
    };
  }

  /** The run must ask the engine's changes API what the container wrote. */
  public boolean readsFileChanges() {
    return this == FS_UNCHANGED || this == FS_CHANGED;
  }

  /** The run must record the engine's event stream for the container. */
  public boolean readsEngineEvents() {
    return this == ENGINE_EVENTS;
  }

  /** Not a judgement of the run but a condition for it: a host feature the step needs. */
  public boolean isRequirement() {
    return this == REQUIRES;
  }
}
