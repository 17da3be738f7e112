package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.LabException;
import io.containercodes.lab.Quote;
import io.containercodes.lab.check.Status;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoPrinter;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.demo.VerifyReport;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.render.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "verify",
    description = "Run every demo of an episode with its checks; reports for CI systems.",
    footer = {"", "Exit status 1 when any demo (or, with --prove, any proof) fails."})
final class VerifyCommand extends BaseCommand {
  @Parameters(
      arity = "0..1",
      paramLabel = "EPISODE",
      description = "Default: " + LessonPack.DEFAULT_EPISODE)
  String episodeId = LessonPack.DEFAULT_EPISODE;

  @Option(names = "--jobs", paramLabel = "N", description = "Demos run at once (default 1).")
  int jobs = 1;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description = "Run everything N times, to expose flaky demos.")
  int repeat = 1;

  @Option(
      names = "--prove",
      description = "Also run each demo without its protective flags: its checks must then fail.")
  boolean prove;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report.")
  Path junit;

  @Option(names = "--json", paramLabel = "FILE", description = "Write a JSON report.")
  Path json;

  @picocli.CommandLine.Mixin ConsentOption consent;

  @Option(names = "--list", description = "List the episode's demos and exit.")
  boolean list;

  @Option(names = "--demo", paramLabel = "ID", description = "Only these demos (repeatable).")
  List<String> only = new ArrayList<>();

  @Override
  protected int run() throws IOException, InterruptedException {
    if (jobs < 1 || repeat < 1) {
      throw new InvalidInput("--jobs and --repeat must be at least 1.", null);
    }
    // checked before anything runs: a report that cannot be written should not cost a whole run
    // first
    OutputFile.check("--junit", junit);
    OutputFile.check("--json", json);
    Episode episode = LessonPack.locate(ctx().env()).episode(episodeId);
    checkDemosExist(episode);
    List<Demo> demos =
        episode.demos().stream().filter(d -> only.isEmpty() || only.contains(d.id())).toList();
    PrintWriter out = ctx().out();
    if (list) {
      demos.forEach(d -> out.printf("%-24s %s%n", d.id(), SafeText.escapeLine(d.title())));
      return ExitCode.OK;
    }
    out.printf(
        "Verifying %s: %d demo(s)%s%s, %d at a time%n",
        episodeId,
        demos.size(),
        prove ? " with proofs" : "",
        repeat > 1 ? " × " + repeat : "",
        jobs);
    long t0 = System.nanoTime();
    List<DemoResult> results = runAll(demos);
    double seconds = (System.nanoTime() - t0) / 1e9;
    VerifyReport report = new VerifyReport(episodeId, results, seconds);
    if (junit != null) {
      report.writeJunit(junit);
    }
    if (json != null) {
      report.writeJson(json);
    }
    return summary(results, seconds);
  }

  /** Every demo (and, with --prove, its proofs), --repeat times, --jobs at a time. */
  private List<DemoResult> runAll(List<Demo> demos) throws InterruptedException {
    DemoRunner runner =
        new DemoRunner(
            ctx().engine(),
            new LabImages(ctx().engine(), ctx().env(), ctx()::notice),
            consent.given);
    List<DemoResult> results = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<List<DemoResult>>> futures = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        for (Demo demo : demos) {
          futures.add(pool.submit(() -> runOne(runner, demo)));
        }
      }
      for (Future<List<DemoResult>> f : futures) {
        try {
          results.addAll(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return results;
  }

  /** One demo as written and its proofs, each printed as it ends. */
  private List<DemoResult> runOne(DemoRunner runner, Demo demo) {
    List<DemoResult> rs = new ArrayList<>();
    try {
      rs.add(runner.run(demo, DemoResult.Variant.AS_WRITTEN, DemoRunner.Listener.QUIET));
      if (prove) {
        for (DemoResult.Variant v : DemoResult.Variant.proofsOf(demo)) {
          rs.add(runner.run(demo, v, DemoRunner.Listener.QUIET));
        }
      }
    } catch (RuntimeException e) {
      // a refused line, or an engine that lost a container, fails its demo, and the others still
      // run
      rs.add(
          new DemoResult(
              demo,
              DemoResult.Variant.AS_WRITTEN,
              List.of(),
              Duration.ZERO,
              e instanceof LabException ? e.getMessage() : e.toString()));
    }
    PrintWriter out = ctx().out();
    synchronized (out) {
      rs.forEach(this::line);
    }
    return rs;
  }

  private int summary(List<DemoResult> results, double seconds) {
    long skipped = results.stream().filter(DemoResult::allSkipped).count();
    long passed = results.stream().filter(r -> r.passed() && !r.allSkipped()).count();
    long failed = results.size() - passed - skipped;
    PrintWriter out = ctx().out();
    out.printf("%nVerified %s in %.1f s%n", episodeId, seconds);
    out.println(
        passed
            + " passed, "
            + failed
            + " failed"
            + (skipped > 0 ? ", " + skipped + " skipped" : ""));
    return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
  }

  /** A --demo that names nothing would verify nothing and report "0 failed": a false green. */
  private void checkDemosExist(Episode episode) {
    List<String> known = episode.demos().stream().map(Demo::id).toList();
    List<String> unknown = only.stream().filter(id -> !known.contains(id)).distinct().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidInput(
          (unknown.size() == 1
                  ? "No demo '" + Quote.input(unknown.get(0)) + "'"
                  : "No demos "
                      + unknown.stream()
                          .map(id -> "'" + Quote.input(id) + "'")
                          .collect(Collectors.joining(", ")))
              + " in "
              + episode.id()
              + ". Its demos: "
              + String.join(", ", known)
              + ".",
          "cclab verify --list shows them with their titles.");
    }
  }

  private void line(DemoResult r) {
    PrintWriter out = ctx().out();
    String name =
        r.demo().id()
            + (r.variant().wrongLine() != null
                ? " (wrong answer)"
                : r.protectionsRemoved() ? " (proof)" : "");
    String what;
    if (r.error() != null) {
      what = "could not run: " + r.error();
    } else if (r.allSkipped()) {
      what = "skipped: " + r.steps().get(0).checks().get(0).sentence().replace("skipped: ", "");
    } else if (r.protectionsRemoved()) {
      what = DemoPrinter.proofVerdict(r);
    } else {
      long skipped = r.count(Status.SKIPPED);
      what =
          r.passed()
              ? r.count(Status.PASS)
                  + " check(s) passed"
                  + (skipped > 0 ? ", " + skipped + " skipped" : "")
              : DemoPrinter.failedChecks(r) + " check(s) failed";
    }
    // a failed check quotes the container's output, and a demo's title is a lesson pack's: shown,
    // never obeyed
    out.printf(
        "  %s %-28s %-66s %s%n",
        r.allSkipped() ? "–" : r.passed() ? "✓" : "✗",
        name,
        SafeText.escapeLine(what),
        DemoPrinter.seconds(r));
    if (!r.passed() && !r.protectionsRemoved()) {
      StringWriter details = new StringWriter();
      r.steps()
          .forEach(
              s ->
                  s.checks().stream()
                      .filter(c -> c.status() == Status.FAIL)
                      .forEach(
                          c ->
                              details
                                  .append("      ✗ ")
                                  .append(s.step().title())
                                  .append(": ")
                                  .append(c.sentence())
                                  .append('\n')));
      out.print(SafeText.escape(details.toString()));
    }
    out.flush();
  }
}
