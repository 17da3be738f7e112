package io.containercodes.lab.content;

import io.containercodes.lab.sandbox.SandboxOptions;

/** A planted violation, never run: content, a leaf, reaching up into the sandbox (#28.2). */
public final class ArchPlantContentUsesSandbox {
  private ArchPlantContentUsesSandbox() {}

  static Object options() {
    return SandboxOptions.DEFAULT_TIMEOUT;
  }
}
