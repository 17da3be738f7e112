package io.containercodes.lab.demo;

import io.containercodes.lab.cli.ExitCode;

/** A planted violation, never run: a domain package reaching out to the commands. */
public final class ArchPlantDemoUsesCli {
  private ArchPlantDemoUsesCli() {}

  static Object code(ExitCode code) {
    return code;
  }
}
