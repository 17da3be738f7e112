package io.containercodes.lab.sandbox;

import io.containercodes.lab.engine.Outcome;
import java.util.List;

/**
 * One run of the script as the lab saw it.
 *
 * @param outcome the engine's record of the script's container; null when it never ran (the tracer
 *     ended before it could join)
 * @param requests what the canary logged
 * @param trace the program's part of the trace (empty when untraced)
 * @param ending how the tracer's sidecar ended, null when untraced
 * @param file the trace file, null when untraced
 */
record SandboxRun(
    Outcome outcome,
    List<String> requests,
    StraceParser.Trace trace,
    TracerSidecar.Ending ending,
    TraceFile file) {

  /** The tracer never reached the program: nothing ran, or nothing of the program was traced. */
  boolean tracerNeverStarted() {
    return outcome == null || (file != null && trace.calls().isEmpty() && !outcome.timedOut());
  }
}
