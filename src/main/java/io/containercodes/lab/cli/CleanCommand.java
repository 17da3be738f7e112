package io.containercodes.lab.cli;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.images.ImageCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clean", description = "Remove every container, network and volume the lab created (found by its label).")
final class CleanCommand extends BaseCommand {
  @Option(names = "--images", description = "Also remove the lab's images (they are rebuilt when needed).")
  boolean images;

  @Override
  protected int run() {
    Engine engine = ctx().engine();
    Engine.CleanReport r = engine.clean();
    int removedImages = 0;
    if (images) {
      for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
        removedImages += engine.removeImage(entry.reference()) ? 1 : 0;
      }
    }
    ctx().out().printf("Removed %d container(s), %d network(s), %d volume(s)%s.%n", r.containers(), r.networks(),
        r.volumes(), images ? ", " + removedImages + " image(s)" : "");
    return ExitCode.OK;
  }
}
