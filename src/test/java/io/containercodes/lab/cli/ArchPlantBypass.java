package io.containercodes.lab.cli;

import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import java.util.List;
import java.util.Set;

/**
 * A planted violation, never run: a command that builds a spec itself and hands it to the engine
 * past the admission. ArchitectureTest proves its rule reports this.
 */
public final class ArchPlantBypass {
  private ArchPlantBypass() {}

  static void bypass(Engine engine) {
    RunSpec spec = RunSpec.builder("cclab/busybox").privileged(true).build();
    engine.run(
        new AdmittedRun(
            spec, spec, Set.of(), List.of(), List.of(), AdmittedRun.Origin.LEARNER_TRY, null),
        OutputListener.IGNORE);
  }
}
