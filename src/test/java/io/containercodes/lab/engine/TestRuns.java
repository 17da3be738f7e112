package io.containercodes.lab.engine;

import io.containercodes.lab.engine.AdmittedRun.Origin;
import java.util.List;
import java.util.Set;

/**
 * Specs handed to the engine as if admitted, for the engine's own tests: they test how the engine
 * runs a spec (and that it still judges one whatever admitted it), not the admission, which has
 * tests of its own. Only test code may do this; ArchitectureTest holds the lab's own code to the
 * admission.
 */
public final class TestRuns {
  private TestRuns() {}

  public static AdmittedRun admitted(RunSpec spec) {
    return new AdmittedRun(spec, spec, Set.of(), List.of(), List.of(), Origin.LAB_PROBE, null);
  }
}
