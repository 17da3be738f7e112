package io.containercodes.lab.cli;

import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.engine.CleanReport;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.LabLabels;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.render.SafeText;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "clean",
    description = {
      "Remove the containers, networks and volumes the lab created (found by its label) whose lab"
          + " process has ended, and those this process left (the REPL's clean, after a run that"
          + " ended badly).",
      "Those of lab runs still going (another terminal's REPL, a parallel verify, another user's"
          + " lab on a shared engine) are left, and counted, unless --all."
    })
final class CleanCommand extends BaseCommand {
  @Option(
      names = "--all",
      description =
          "Also remove the objects of lab runs that are still going, whoever started them (they"
              + " will fail): on a shared engine, other users' runs too.")
  boolean all;

  @Option(
      names = "--images",
      description = "Also remove the lab's images (they are rebuilt when needed).")
  boolean images;

  @Override
  protected int run() {
    Engine engine = ctx().engine();
    CleanReport r = engine.clean(all);
    int removedImages = 0;
    if (images) {
      for (ImageCatalog.Entry entry : ImageCatalog.all()) {
        try {
          removedImages += engine.removeImage(entry.reference()) ? 1 : 0;
        } catch (EngineRefused e) {
          ctx().notice("kept " + entry.reference() + ": " + e.getMessage());
        }
      }
    }
    ctx()
        .out()
        .printf(
            "Removed %d container(s), %d network(s), %d volume(s)%s.%n",
            r.containers(),
            r.networks(),
            r.volumes(),
            images ? ", " + removedImages + " image(s)" : "");
    if (r.left() > 0) {
      ctx()
          .out()
          .printf(
              "Left %d container(s), %d network(s), %d volume(s) of lab runs still going (%s):"
                  + " they are in use. Only if those runs are yours and stuck: cclab clean --all"
                  + " (it stops every lab run on this engine, other users' too).%n",
              r.leftContainers(),
              r.leftNetworks(),
              r.leftVolumes(),
              owners(List.copyOf(r.liveOwners())));
    }
    return ExitCode.OK;
  }

  /** "pid 4242 on lab-host, pid 4343 on lab-host", at most three named. */
  private static String owners(List<String> encoded) {
    List<String> named =
        encoded.stream()
            .limit(3)
            .map(
                o ->
                    LabLabels.Owner.decode(o)
                        .map(w -> "pid " + w.pid() + " on " + SafeText.escapeLine(w.host()))
                        .orElse("?"))
            .toList();
    return String.join(", ", named)
        + (encoded.size() > 3 ? " and " + (encoded.size() - 3) + " more" : "");
  }
}
