package io.containercodes.lab.engine;

/**
 * The thread running a container was interrupted (Ctrl-C in the REPL) while it waited for the
 * container; the container has been killed. Not a {@link io.containercodes.lab.LabException}: it is
 * no problem of the user's to report, and whoever interrupted the run expects it.
 */
public final class RunInterrupted extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RunInterrupted(String containerId, Throwable cause) {
    super("interrupted while waiting for container " + containerId, cause);
  }
}
