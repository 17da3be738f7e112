package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.demo.AnswerJudge;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.progress.AnonymousClass;
import io.containercodes.lab.progress.ClassPage;
import io.containercodes.lab.progress.ClassReport;
import io.containercodes.lab.progress.HandIn;
import io.containercodes.lab.progress.Pseudonyms;
import io.containercodes.lab.progress.Rejudge;
import io.containercodes.lab.progress.RejudgeTable;
import io.containercodes.lab.progress.Room;
import io.containercodes.lab.progress.RoomText;
import io.containercodes.lab.progress.StuckLearners;
import io.containercodes.lab.render.SafeText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    description =
        "An instructor's class view: learners × lessons from a folder of 'progress export' files.",
    // one paragraph per element: picocli wraps each to the help's width
    footer = {
      "",
      "Exports that do not fit the episode (another episode, unknown lessons or demos, impossible"
          + " counts, another format) are skipped with one line naming the file; they are never"
          + " counted.",
      "--html writes one self-contained page (no script, font or address outside the file): the"
          + " grid in colour, completion per lesson, the lesson where most learners stop, how"
          + " each demo went, each learner's attempts.",
      "--watch (with --html) rewrites the page whenever exports arrive in DIR, and every 30 s so"
          + " the stuck list stays current (the page reloads itself), until Ctrl-C; learners hand"
          + " in with 'cclab progress export --name NAME --to DIR'.",
      "Where the room got stuck (text and page): a funnel of lessons and demos (reached,"
          + " attempted, solved), each exercise's most common wrong lines grouped by answer however"
          + " they were spelled, with what the lab said about them, hint use, and the learners"
          + " whose last act is a failed attempt at least --stuck-after minutes old.",
      "--rejudge runs every exercise line the exports carry again on this machine's engine, as"
          + " the REPL judges it (admission, guardrails, the exercise's checks), and every"
          + " challenge line as cclab challenge scores it, and lists each line with the verdict"
          + " its export claims and the one it gets here. A line this engine"
          + " cannot judge (a protection it cannot show) is 'not re-judged', never a disagreement;"
          + " a line the lab refuses is shown refused and never runs. Exports from before cclab"
          + " kept the lines are read, and what they lack is said.",
      "Exit status: 0 when at least one export was counted, 1 when none was (an empty folder, or"
          + " all skipped), 2 when DIR is not a folder or an output file cannot be written. With"
          + " --rejudge: 0 when no line disagrees with its export, 1 when one does (a claimed pass"
          + " or fail the line does not get here, or a claimed pass for a line the lab refuses) or"
          + " no export could be read."
    })
final class ReportCommand extends BaseCommand {
  @Parameters(
      index = "0",
      paramLabel = "DIR",
      description = "A folder of cclab-progress-*.json files.")
  Path dir;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "Also write the table as CSV (cells safe to open in a spreadsheet).")
  Path csv;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write the class page: one self-contained HTML file.")
  Path html;

  @Option(
      names = "--watch",
      description =
          "Keep watching DIR and rewrite the --html page (and --csv) as exports arrive; Ctrl-C"
              + " stops.")
  boolean watch;

  @Option(
      names = "--rejudge",
      description =
          "Run every exercise and challenge line in the exports again on this engine and show"
              + " where the export's verdict and the re-judged one differ (exit 1 when any does).")
  boolean rejudge;

  @Option(
      names = "--max-updates",
      paramLabel = "N",
      hidden = true,
      description = "With --watch: stop after N rewrites (for tests and scripts).")
  Integer maxUpdates;

  @Option(
      names = "--stuck-after",
      paramLabel = "MINUTES",
      description =
          "A learner whose last act is a failed attempt at least this old is stuck (default: 10).")
  long stuckAfter = Room.DEFAULT_STUCK_AFTER.toMinutes();

  @Option(
      names = "--anonymise",
      description =
          "Show each learner by a stable pseudonym, never by name (also in file names); needs"
              + " --class-key.")
  boolean anonymise;

  @Option(
      names = "--class-key",
      paramLabel = "KEY",
      description =
          "The class's secret key for --anonymise (default: $"
              + Pseudonyms.KEY_ENV
              + "): the same key gives the same pseudonyms.")
  String classKey;

  @Option(
      names = "--episode",
      paramLabel = "EPISODE",
      description =
          "The episode the exports are for (default: " + LessonPack.DEFAULT_EPISODE + ").")
  String episodeId = LessonPack.DEFAULT_EPISODE;

  /**
   * Exports arriving together (a whole room at the end of a lesson) make one rewrite, not thirty.
   */
  static final long SETTLE_MS = 300;

  /**
   * With --watch the page reloads itself this often, and is rewritten at least this often: who is
   * stuck changes as time passes, not only when an export arrives.
   */
  static final int REFRESH_SECONDS = 30;

  @Override
  protected int run() throws IOException {
    checkOptions();
    Episode episode = LessonPack.locate(ctx().env()).episode(episodeId);
    if (rejudge) {
      return rejudge(episode);
    }
    ClassReport report = new ClassReport(episode);
    if (watch) {
      return watch(report);
    }
    ClassReport.Result r = read(report);
    r.skipped().forEach(s -> ctx().err().println("cclab: skipped " + s));
    if (r.rows().isEmpty()) {
      // no table: an empty one with exit 1 looked like a bug, not like "nothing to report"
      ctx()
          .err()
          .println(
              "cclab: "
                  + (r.files() == 0
                      ? "no progress exports in "
                          + SafeText.escapeLine(dir.toString())
                          + " (no .json files)."
                      : "none of the "
                          + r.files()
                          + " .json file(s) in "
                          + SafeText.escapeLine(dir.toString())
                          + " could be counted (reasons above)."));
      ctx()
          .err()
          .println(
              "  fix: each learner runs: cclab progress export --name NAME; put the files in one"
                  + " folder.");
      return ExitCode.FAILED;
    }
    // names are escaped for Markdown and then for the terminal (control characters shown, not
    // obeyed)
    ctx().out().print(ClassReport.markdown(r));
    ctx().out().print(RoomText.markdown(room(r)));
    write(r);
    return ExitCode.OK;
  }

  /**
   * {@code --rejudge}: the exports' lines judged by the REPL's judge on this engine (one runner for
   * the whole folder), the table printed, exit 1 when any line disagrees with its export.
   */
  private int rejudge(Episode episode) throws IOException {
    Admission admission = Admission.forHost(ctx().env(), ctx()::engine, ctx()::notice);
    DemoRunner[] runner = new DemoRunner[1];
    AnswerJudge judge =
        new AnswerJudge(
            admission,
            () -> {
              if (runner[0] == null) {
                runner[0] =
                    new DemoRunner(
                        ctx().engine(),
                        new LabImages(ctx().engine(), ctx().env(), ctx()::notice),
                        false);
              }
              return runner[0];
            });
    Rejudge.Result r =
        new Rejudge(
                episode,
                (d, line) -> judge.judge(d, line, DemoRunner.Listener.QUIET),
                (line, min) -> ChallengeRejudge.judge(ctx(), line, min))
            .read(dir);
    r.skipped().forEach(s -> ctx().err().println("cclab: skipped " + s));
    ctx().out().print(RejudgeTable.text(r));
    ctx().out().flush();
    boolean none = r.files() == r.skipped().size();
    return r.anyDisagrees() || none ? ExitCode.FAILED : ExitCode.OK;
  }

  /** Every option checked before a file is read: a report that cannot be written costs nothing. */
  private void checkOptions() {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInput(
          Quote.input(dir) + " is not a folder.",
          "Collect the learners' export files in one folder.");
    }
    if (anonymise) {
      Pseudonyms.of(classKey, ctx().env()); // a missing key is said before anything is read
    }
    OutputFile.check("--csv", csv);
    OutputFile.check("--html", html);
    if (watch && html == null) {
      throw new InvalidInput(
          "--watch rewrites the class page: name it with --html FILE.",
          "cclab report " + Quote.input(dir) + " --html class.html --watch");
    }
    if (stuckAfter < 0 || stuckAfter > 7 * 24 * 60) {
      throw new InvalidInput("--stuck-after MINUTES is 0 to 10080 (a week).", null);
    }
    if (rejudge && (watch || html != null || csv != null)) {
      throw new InvalidInput(
          "--rejudge prints its own table: it goes without --watch, --html and --csv.",
          "cclab report " + Quote.input(dir) + " --rejudge");
    }
    if (maxUpdates != null && (!watch || maxUpdates < 0)) {
      throw new InvalidInput("--max-updates N goes with --watch, and N is 0 or more.", null);
    }
  }

  private void write(ClassReport.Result r) throws IOException {
    if (csv != null) {
      atomically(csv, ClassReport.csv(r));
    }
    if (html != null) {
      String page = ClassPage.html(r, room(r), Instant.now());
      atomically(html, watch ? ClassPage.refreshing(page, REFRESH_SECONDS) : page);
    }
  }

  /** The exports, with pseudonyms for names when --anonymise asks. */
  private ClassReport.Result read(ClassReport report) throws IOException {
    ClassReport.Result r = report.read(dir);
    return anonymise ? AnonymousClass.of(r, Pseudonyms.of(classKey, ctx().env()), dir) : r;
  }

  /** Where the room got stuck, judged now. */
  private Room room(ClassReport.Result r) {
    return Room.of(r, Instant.now(), Duration.ofMinutes(stuckAfter));
  }

  /** A browser reloading the page, or a second instructor's copy, never sees half a file. */
  static void atomically(Path target, String text) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
    try {
      HandIn.readableByAll(tmp); // like a file written in place, not rw-------
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes the page, then rewrites it each time a .json file is created, changed or renamed into
   * DIR. The WatchService's poll has a timeout, so Ctrl-C (or an interrupt) ends the loop within a
   * second; the page on disk is always a whole one, old or new.
   */
  private int watch(ClassReport report) throws IOException {
    int updates = 0;
    Instant written = Instant.now();
    try (WatchService ws = dir.getFileSystem().newWatchService()) {
      dir.register(
          ws,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      rewrite(report, updates);
      ctx()
          .err()
          .println(
              "Watching " + SafeText.escapeLine(dir.toString()) + " for exports; Ctrl-C stops.");
      ctx().err().flush();
      while (maxUpdates == null || updates < maxUpdates) {
        WatchKey key = ws.poll(1, TimeUnit.SECONDS);
        if (key == null) {
          written = refreshed(report, written);
          continue;
        }
        boolean exports =
            key.pollEvents().stream()
                .anyMatch(
                    e ->
                        e.kind() == StandardWatchEventKinds.OVERFLOW
                            || String.valueOf(e.context()).endsWith(".json"));
        key.reset();
        if (!exports) {
          continue; // a temporary file of a hand-in under way, or our own page
        }
        Thread.sleep(SETTLE_MS);
        drain(ws);
        updates++;
        rewrite(report, updates);
        written = Instant.now();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
      ctx().err().println("Stopped watching.");
      return ExitCode.INTERRUPTED;
    }
    return ExitCode.OK;
  }

  private static void drain(WatchService ws) {
    WatchKey more;
    while ((more = ws.poll()) != null) {
      more.pollEvents();
      more.reset();
    }
  }

  /** The page rewritten quietly when it is older than the refresh: the stuck list ages. */
  private Instant refreshed(ClassReport report, Instant written) throws IOException {
    if (Instant.now().isBefore(written.plusSeconds(REFRESH_SECONDS))) {
      return written;
    }
    write(read(report));
    return Instant.now();
  }

  private void rewrite(ClassReport report, int update) throws IOException {
    ClassReport.Result r = read(report);
    write(r);
    List<StuckLearners.Stuck> stuck = room(r).stuck();
    ctx()
        .err()
        .println(
            (update == 0 ? "Wrote " : "Updated ")
                + html
                + ": "
                + r.rows().size()
                + " learner(s)"
                + (r.skipped().isEmpty()
                    ? ""
                    : ", "
                        + r.skipped().size()
                        + " file(s) skipped: "
                        + String.join("; ", r.skipped()))
                + (stuck.isEmpty()
                    ? ""
                    : "; stuck: "
                        + String.join(
                            ", ",
                            stuck.stream()
                                .map(
                                    s ->
                                        SafeText.escapeLine(s.learner())
                                            + " ("
                                            + SafeText.escapeLine(s.demoId())
                                            + ", "
                                            + s.minutes()
                                            + " min)")
                                .toList())));
    ctx().err().flush();
  }
}
