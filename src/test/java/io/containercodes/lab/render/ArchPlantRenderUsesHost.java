package io.containercodes.lab.render;

import io.containercodes.lab.host.HostFacts;

/** A planted violation, never run: render, a leaf, reading the host (#28.2 found this passing). */
public final class ArchPlantRenderUsesHost {
  private ArchPlantRenderUsesHost() {}

  static Object facts() {
    return HostFacts.read();
  }
}
