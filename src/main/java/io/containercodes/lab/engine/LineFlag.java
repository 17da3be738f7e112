package io.containercodes.lab.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * The flags of a run line, by their long spelling ({@code --memory}, not {@code -m}), so whoever
 * reads an {@link AdmittedRun} can ask what the line itself set, as a type instead of a string. The
 * parser's picocli model ({@code runline.RunFlags}) is the definition; a test keeps this list equal
 * to it.
 */
public enum LineFlag {
  RM,
  INTERACTIVE,
  TTY,
  NAME,
  MEMORY,
  MEMORY_SWAP,
  CPUS,
  PIDS_LIMIT,
  ULIMIT,
  NETWORK,
  NETWORK_ALIAS,
  READ_ONLY,
  TMPFS,
  VOLUME,
  MOUNT,
  DEVICE,
  CAP_DROP,
  CAP_ADD,
  SECURITY_OPT,
  INIT,
  PRIVILEGED,
  PID,
  IPC,
  UTS,
  USERNS,
  ENV,
  WORKDIR,
  USER,
  HOSTNAME,
  LABEL,
  ENTRYPOINT,
  TIMEOUT,
  PUBLISH,
  RESTART,
  HEALTH_CMD,
  CGROUP_PARENT,
  CPU_SHARES,
  READ_ONLY_TMPFS;

  /** As users write it: {@code --memory-swap}. */
  public String longName() {
    return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The flag a long spelling names; empty for a word that is none of them. */
  public static Optional<LineFlag> ofLongName(String longName) {
    for (LineFlag f : values()) {
      if (f.longName().equals(longName)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
