package io.containercodes.lab.demo;

import io.containercodes.lab.repl.LabShell;

/** A planted violation, never run: a domain package reaching out to the REPL. */
public final class ArchPlantDemoUsesRepl {
  private ArchPlantDemoUsesRepl() {}

  static Object shell(LabShell shell) {
    return shell;
  }
}
