package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.images.ImageBundle;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "images",
    description =
        "The lab's images: get them (pull or build, no registry needed), list them, carry them in a"
            + " bundle.",
    subcommands = {
      ImagesCommand.Prepare.class,
      ImagesCommand.ListImages.class,
      ImagesCommand.Save.class,
      ImagesCommand.Load.class
    })
final class ImagesCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static List<ImageCatalog.Entry> select(List<String> names) {
    if (names.isEmpty()) {
      return ImageCatalog.entries();
    }
    List<ImageCatalog.Entry> selected = new ArrayList<>();
    for (String n : names) {
      selected.add(
          ImageCatalog.find(n)
              .orElseThrow(
                  () ->
                      new InvalidInput(
                          "'" + Quote.input(n) + "' is not a lab image.",
                          "Lab images: "
                              + String.join(
                                  ", ",
                                  ImageCatalog.all().stream()
                                      .map(ImageCatalog.Entry::name)
                                      .toList()))));
    }
    return selected;
  }

  @Command(
      name = "prepare",
      description = {
        "Get the lab's images that are missing or out of date:",
        "present locally → build from this machine's binaries (or the build cache) → build on the"
            + " engine from the upstream base, pinned by digest."
      })
  static final class Prepare extends BaseCommand {
    static final class Mode {
      @Option(
          names = "--offline",
          description =
              "Never pull: build from this machine's binaries, or on the engine from a base it"
                  + " already has (also: CCLAB_OFFLINE=1).")
      boolean offline;

      @Option(
          names = "--pull",
          description =
              "Only pull the upstream image as it is (no lab user); fail rather than build.")
      boolean pull;
    }

    @ArgGroup(exclusive = true)
    Mode mode;

    @Parameters(
        arity = "0..*",
        paramLabel = "NAME",
        description =
            "Images to prepare (default: cclab/busybox, cclab/python); cclab/tracer, the"
                + " sandbox's strace where the host cannot lend its own, is built on the engine.")
    List<String> names = List.of();

    @Override
    protected int run() {
      List<ImageCatalog.Entry> entries = select(names);
      LabImages images = new LabImages(ctx().engine(), ctx().env(), ctx()::notice);
      LabImages.Policy policy =
          mode == null
              ? images.defaultPolicy()
              : mode.offline ? LabImages.Policy.OFFLINE : LabImages.Policy.PULL;
      long t0 = System.nanoTime();
      for (ImageCatalog.Entry entry : entries) {
        LabImages.Action action = images.ensure(entry, policy);
        ctx()
            .out()
            .println(
                entry.name()
                    + ": "
                    + switch (action) {
                      case PRESENT -> "up to date";
                      case PULLED -> "pulled";
                      case BUILT -> "built";
                      case BUILT_ON_ENGINE -> "built on the engine";
                      case LOADED_FROM_CACHE -> "loaded from the build cache";
                    });
      }
      ctx().out().printf("Done in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
      return ExitCode.OK;
    }
  }

  @Command(
      name = "list",
      description =
          "Show the lab's images on this engine: source (pulled / built / loaded), size, age.")
  static final class ListImages extends BaseCommand {
    @Override
    protected int run() {
      LabImages images = new LabImages(ctx().engine(), ctx().env(), ctx()::notice);
      String format = "%-15s %-8s %10s %6s  %s%n";
      ctx().out().printf(format, "IMAGE", "SOURCE", "SIZE", "AGE", "REFERENCE");
      for (ImageCatalog.Entry entry : ImageCatalog.all()) {
        LabImages.Status s = images.status(entry);
        if (s.details() == null) {
          ctx()
              .out()
              .printf(
                  format,
                  entry.name(),
                  "missing",
                  "-",
                  "-",
                  "run: cclab images prepare " + entry.name());
        } else {
          ctx()
              .out()
              .printf(
                  format,
                  entry.name(),
                  s.source(),
                  Bytes.human(s.details().sizeBytes()),
                  age(s.details().created()),
                  entry.reference());
        }
      }
      return ExitCode.OK;
    }

    /** Built images carry the epoch as their date (reproducible builds), which says nothing. */
    private static String age(String created) {
      try {
        Instant t = Instant.parse(created);
        if (t.getEpochSecond() <= 0) {
          return "-";
        }
        Duration d = Duration.between(t, Instant.now());
        return d.toDays() > 0
            ? d.toDays() + "d"
            : d.toHours() > 0 ? d.toHours() + "h" : d.toMinutes() + "m";
      } catch (DateTimeParseException | NullPointerException e) {
        return "-";
      }
    }
  }

  @Command(
      name = "save",
      description = "Write the lab's images into one bundle file, for machines without a registry.")
  static final class Save extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Parameters(
        index = "1..*",
        arity = "0..*",
        paramLabel = "NAME",
        description = "Images to include (default: all, cclab/tracer when it is on the engine).")
    List<String> names = List.of();

    @Override
    protected int run() throws IOException {
      List<ImageCatalog.Entry> entries = new ArrayList<>(select(names));
      if (names.isEmpty()
          && ctx().engine().inspectImage(ImageCatalog.TRACER.reference()).isPresent()) {
        entries.add(ImageCatalog.TRACER); // for a room whose machines cannot lend their strace
      }
      ImageBundle.Manifest m = new ImageBundle(ctx().engine(), ctx()::notice).save(entries, file);
      ctx().out().println("Saved " + m.images().size() + " image(s) to " + file + ":");
      m.images()
          .forEach(
              i ->
                  ctx()
                      .out()
                      .printf(
                          "  %-15s %10s  sha256:%s%n",
                          i.name(), Bytes.human(i.size()), i.sha256()));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "load",
      description =
          "Load a bundle written by 'images save'; every digest is verified before anything is"
              + " loaded.")
  static final class Load extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    protected int run() throws IOException {
      LabImages images = new LabImages(ctx().engine(), ctx().env(), ctx()::notice);
      ImageBundle.Manifest m = new ImageBundle(ctx().engine(), ctx()::notice).load(file, images);
      ctx()
          .out()
          .println(
              "Loaded "
                  + m.images().size()
                  + " image(s) from "
                  + file
                  + " (saved "
                  + m.created()
                  + ").");
      return ExitCode.OK;
    }
  }
}
