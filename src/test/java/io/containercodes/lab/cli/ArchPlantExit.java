package io.containercodes.lab.cli;

/** A planted violation, never run: a command that ends the process itself. */
public final class ArchPlantExit {
  private ArchPlantExit() {}

  static void quit() {
    System.exit(3);
  }
}
