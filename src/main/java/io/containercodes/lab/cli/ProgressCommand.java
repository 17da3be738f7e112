package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.ClassReport;
import io.containercodes.lab.progress.HandIn;
import io.containercodes.lab.progress.Progress;
import io.containercodes.lab.progress.ProgressExport;
import io.containercodes.lab.progress.ProgressReport;
import io.containercodes.lab.progress.ProgressStore;
import io.containercodes.lab.progress.Pseudonyms;
import io.containercodes.lab.render.SafeText;
import io.containercodes.lab.render.Style;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "progress",
    description =
        "Your progress through the lab: show it, export it for an instructor, or reset it.",
    subcommands = {
      ProgressCommand.Show.class,
      ProgressCommand.Export.class,
      ProgressCommand.Reset.class
    })
final class ProgressCommand extends BaseCommand {
  @Override
  protected int run() {
    return new Show().print(ctx());
  }

  static ProgressStore store(LabContext ctx) {
    return new ProgressStore(ProgressStore.defaultFile(ctx.env()), ctx::notice);
  }

  /** $COLUMNS when the shell exported it, else 80; at most 100, as the REPL's own text. */
  static int width(LabContext ctx) {
    try {
      int columns = Integer.parseInt(ctx.env().getOrDefault("COLUMNS", "80").strip());
      return Math.max(40, Math.min(columns, 100));
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  @Command(
      name = "show",
      description =
          "Lessons with ✓ done, • started, ○ not yet; each demo's runs and hints, your"
              + " predictions, how each exercise was solved, your quiz answers and the challenge.")
  static final class Show extends BaseCommand {
    @Override
    protected int run() {
      return print(ctx());
    }

    int print(LabContext ctx) {
      ProgressStore store = store(ctx);
      Progress p = store.load();
      Episode episode =
          LessonPack.locate(ctx.env())
              .episode(p.episode() == null ? LessonPack.DEFAULT_EPISODE : p.episode());
      ctx.out().println("Progress in " + episode.id() + " (" + store.file() + ")");
      new ProgressReport(episode, p, Style.PLAIN, width(ctx)).lines().forEach(ctx.out()::println);
      return ExitCode.OK;
    }
  }

  @Command(
      name = "export",
      description =
          "Write your progress, with your name, as JSON for an instructor's 'cclab report'.")
  static final class Export extends BaseCommand {
    @Option(
        names = "--name",
        required = true,
        description = "Your name as the instructor should see it.")
    String name;

    @Parameters(
        arity = "0..1",
        paramLabel = "FILE",
        description = "Default: cclab-progress-NAME.json; '-' for standard output.")
    String file;

    @Option(
        names = "--to",
        paramLabel = "DIR",
        description = {
          "Hand in to a shared folder: a file of its own there, named "
              + "from your name, this machine and the time, that appears whole or not at all."
        })
    Path to;

    @Option(
        names = "--anonymise",
        description =
            "Hand in under a stable pseudonym instead of your name (in the file and its name);"
                + " needs the class key your instructor gives.")
    boolean anonymise;

    @Option(
        names = "--class-key",
        paramLabel = "KEY",
        description = "The class key for --anonymise (default: $" + Pseudonyms.KEY_ENV + ").")
    String classKey;

    @Override
    protected int run() throws IOException {
      if (anonymise) {
        // the name goes no further than this: the file, its name and the messages use the pseudonym
        name = Pseudonyms.of(classKey, ctx().env()).learner(name);
      }
      Progress p = store(ctx()).load();
      Episode episode =
          LessonPack.locate(ctx().env())
              .episode(p.episode() == null ? LessonPack.DEFAULT_EPISODE : p.episode());
      String json = ProgressExport.json(ProgressExport.of(name, episode, p));
      if ("-".equals(file)) {
        ctx().out().println(json);
        return ExitCode.OK;
      }
      if (to != null) {
        if (file != null) {
          throw new InvalidInput("Give a FILE or --to DIR, not both.", null);
        }
        if (!Files.isDirectory(to) || !Files.isWritable(to)) {
          throw new InvalidInput(
              "--to "
                  + SafeText.escapeLine(to.toString())
                  + ": "
                  + (Files.isDirectory(to) ? "that folder is not writable." : "no such folder."),
              "Ask your instructor for the shared folder's path (it must exist and be writable).");
        }
        Path handed =
            HandIn.write(
                to, name, HandIn.hostName(ctx().env()), java.time.Instant.now(), json + "\n");
        ctx().out().println("Handed in: " + handed.toAbsolutePath());
        return ExitCode.OK;
      }
      Path target =
          Path.of(
              file != null
                  ? file
                  : "cclab-progress-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
      Files.writeString(target, json + "\n");
      ctx().out().println("Wrote " + target.toAbsolutePath() + " — hand it to your instructor.");
      return ExitCode.OK;
    }
  }

  /** The same words as the REPL's {@code reset DEMO|--all [--yes]}: one vocabulary for both. */
  @Command(
      name = "reset",
      // one sentence per element: a command list shows only the first element of each
      description = {
        "Forget your progress on one demo, or all of it with --all. Asks first unless --yes.",
        "With --all, the old file is kept beside the new one."
      })
  static final class Reset extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "DEMO", description = "The demo to forget.")
    String demo;

    @Option(names = "--all", description = "Forget everything.")
    boolean all;

    @Option(
        names = {"--yes", "-y"},
        description = "Do not ask.")
    boolean yes;

    @Override
    protected int run() throws IOException {
      if (all == (demo != null)) {
        throw new InvalidInput(
            "Say what to forget: progress reset DEMO, or progress reset --all.",
            "Add --yes not to be asked, e.g. progress reset --all --yes.");
      }
      ProgressStore store = store(ctx());
      if (demo != null) {
        Progress p = store.load();
        Episode episode =
            LessonPack.locate(ctx().env())
                .episode(p.episode() == null ? LessonPack.DEFAULT_EPISODE : p.episode());
        if (!episode.demoIds().contains(demo) && !demo.equals(ClassReport.CHALLENGE)) {
          throw new InvalidInput(
              "No demo '" + SafeText.escapeLine(demo) + "' in " + episode.id() + ".",
              "cclab verify --list shows them.");
        }
      }
      String what = all ? "all your progress" : "your progress on " + demo;
      if (!yes && !confirmed("Really forget " + what + "? [y/N] ")) {
        ctx().out().println("Nothing was reset.");
        return ExitCode.OK;
      }
      if (all) {
        store.reset();
        ctx()
            .out()
            .println("Progress reset; the previous file is kept beside " + store.file() + ".");
      } else {
        Progress p = store.load();
        p.forget(demo);
        store.save(p);
        ctx().out().println("Reset " + what + ".");
      }
      return ExitCode.OK;
    }

    private boolean confirmed(String question) throws IOException {
      ctx().out().print(question);
      ctx().out().flush();
      StringBuilder answer = new StringBuilder();
      int c;
      while ((c = ctx().in().read()) != -1 && c != '\n') {
        answer.append((char) c);
      }
      String a = answer.toString().strip();
      return a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes");
    }
  }
}
