package io.containercodes.lab.cli;

import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.LabLabels;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "images", description = "The lab's images: prepare them (no registry needed) and list them.",
    subcommands = {ImagesCommand.Prepare.class, ImagesCommand.ListImages.class})
final class ImagesCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "prepare", description = "Build the lab's images that are missing or out of date.")
  static final class Prepare extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Images to prepare (default: all), e.g. cclab/busybox.")
    List<String> names = List.of();

    @Override
    protected int run() {
      LabImages images = new LabImages(ctx().engine(), ctx().env(), ctx()::notice);
      for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
        if (!names.isEmpty() && names.stream().noneMatch(n -> ImageCatalog.find(n).orElse(null) == entry)) {
          continue;
        }
        boolean built = images.ensure(entry);
        ctx().out().println(entry.name() + (built ? ": built" : ": up to date"));
      }
      for (String n : names) {
        if (ImageCatalog.find(n).isEmpty()) {
          throw new io.containercodes.lab.InvalidInput("'" + n + "' is not a lab image.",
              "Lab images: " + ImageCatalog.entries().stream().map(ImageCatalog.Entry::name).toList());
        }
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "list", description = "Show the lab's images on this engine.")
  static final class ListImages extends BaseCommand {
    @Override
    protected int run() {
      List<Engine.LabImage> present = ctx().engine().labImages();
      ctx().out().printf("%-16s %-8s %10s %8s  %s%n", "IMAGE", "SOURCE", "SIZE", "AGE", "REFERENCE");
      for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
        Engine.LabImage image = present.stream().filter(i -> entry.name().equals(i.labels().get(LabLabels.IMAGE)))
            .findFirst().orElse(null);
        if (image == null) {
          ctx().out().printf("%-16s %-8s %10s %8s  %s%n", entry.name(), "missing", "-", "-", "cclab images prepare");
        } else {
          ctx().out().printf("%-16s %-8s %10s %8s  %s%n", entry.name(), image.labels().getOrDefault(LabLabels.SOURCE, "?"),
              Bytes.human(image.sizeBytes()), age(image.createdEpochSeconds()), image.reference());
        }
      }
      return ExitCode.OK;
    }

    private static String age(long createdEpochSeconds) {
      if (createdEpochSeconds <= 0) {
        return "-";
      }
      Duration d = Duration.between(Instant.ofEpochSecond(createdEpochSeconds), Instant.now());
      return d.toDays() > 0 ? d.toDays() + "d" : d.toHours() > 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
  }
}
