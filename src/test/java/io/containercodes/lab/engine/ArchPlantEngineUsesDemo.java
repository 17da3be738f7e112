package io.containercodes.lab.engine;

import io.containercodes.lab.demo.Demo;

/** A planted violation, never run: the engine depending on a package above it. */
public final class ArchPlantEngineUsesDemo {
  private ArchPlantEngineUsesDemo() {}

  static Object demo(Demo demo) {
    return demo;
  }
}
