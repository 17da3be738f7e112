package io.containercodes.lab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Every subcommand: reaches the shared {@link LabContext} through the root command, returns an
 * {@link ExitCode}, and throws {@link io.containercodes.lab.LabException} for problems, which
 * {@link Main} maps to exit codes in one place.
 */
abstract class BaseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  protected LabContext ctx() {
    return ((CclabCommand) spec.root().userObject()).context();
  }

  @Override
  public final Integer call() throws Exception {
    return run();
  }

  protected abstract int run() throws Exception;
}
