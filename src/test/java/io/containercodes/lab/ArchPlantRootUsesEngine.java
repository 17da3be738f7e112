package io.containercodes.lab;

import io.containercodes.lab.engine.Engine;

/** A planted violation, never run: the root package's exceptions depending on the engine. */
public final class ArchPlantRootUsesEngine {
  private ArchPlantRootUsesEngine() {}

  static Object engine(Engine engine) {
    return engine;
  }
}
