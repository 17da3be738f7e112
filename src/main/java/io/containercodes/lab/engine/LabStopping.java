package io.containercodes.lab.engine;

import io.containercodes.lab.EngineRefused;

/**
 * The lab is stopping (Ctrl-C, SIGTERM): its shutdown hook has begun removing this process's
 * objects, so no new one is created. An {@link EngineRefused} for callers that report a refusal,
 * but never the engine's answer: a probe that meets it has measured nothing (a folder probe cut
 * short by Ctrl-C once read as "the engine does not see this folder").
 */
public final class LabStopping extends EngineRefused {
  private static final long serialVersionUID = 1L;

  LabStopping() {
    super("The lab is stopping: nothing new is started.", null, null);
  }
}
