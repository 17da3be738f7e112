package io.containercodes.lab.content;

import io.containercodes.lab.render.ArchPlantCycleA;

/** A planted violation, never run: the other half of a cycle between two packages. */
public final class ArchPlantCycleB {
  private ArchPlantCycleB() {}

  public static Object back(ArchPlantCycleA a) {
    return a;
  }
}
