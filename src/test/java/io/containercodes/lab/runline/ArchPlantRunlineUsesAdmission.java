package io.containercodes.lab.runline;

import io.containercodes.lab.admission.RunRequest;

/** A planted violation, never run: the line's language depending on the admission above it. */
public final class ArchPlantRunlineUsesAdmission {
  private ArchPlantRunlineUsesAdmission() {}

  static Object request(RunRequest request) {
    return request;
  }
}
