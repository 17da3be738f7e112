package io.containercodes.lab.render;

import io.containercodes.lab.content.ArchPlantCycleB;

/** A planted violation, never run: one half of a cycle between two packages. */
public final class ArchPlantCycleA {
  private ArchPlantCycleA() {}

  public static Object there(ArchPlantCycleB b) {
    return b;
  }
}
