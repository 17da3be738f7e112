package io.containercodes.lab.cli;

import io.containercodes.lab.engine.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clean", description = "Remove every container, network and volume the lab created (found by its label).")
final class CleanCommand extends BaseCommand {
  @Option(names = "--images", description = "Also remove the lab's images (they are rebuilt when needed).")
  boolean images;

  @Override
  protected int run() {
    Engine.CleanReport r = ctx().engine().clean(images);
    ctx().out().printf("Removed %d container(s), %d network(s), %d volume(s)%s.%n", r.containers(), r.networks(),
        r.volumes(), images ? ", " + r.images() + " image(s)" : "");
    return ExitCode.OK;
  }
}
