package io.containercodes.lab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.LabException;
import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoResult;
import io.containercodes.lab.demo.DemoRunner;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.LimitSupport;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.render.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The room check ({@code doctor --smoke}): the images prepared and three short demos run, each
 * proving a different protection (a read-only root, a memory limit, a process limit) through a
 * different image, so a laptop that passes can run the workshop. The verdict is one line to read
 * from across the room, or the first problem with its fix; {@link #json} is the same for an
 * instructor who collects them (format "cclab-smoke", version 1).
 */
record Smoke(
    boolean ready,
    String engine,
    boolean imagesOk,
    List<DemoLine> demos,
    double seconds,
    String problem,
    String fix,
    int exitCode) {
  /**
   * Fast demos (about a second each here), chosen to cover the filesystem, memory and pids cgroups
   * and both images.
   */
  static final List<String> DEMOS = List.of("read-only-root", "memory-limit", "fork-bomb");

  static final String FORMAT = "cclab-smoke";
  static final int VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  record DemoLine(String id, boolean passed, double seconds, String why) {}

  static Smoke notReady(String problem, String fix, EngineFacts facts, int exitCode) {
    return new Smoke(
        false, facts == null ? null : facts.summary(), false, List.of(), 0, problem, fix, exitCode);
  }

  static Smoke run(LabContext ctx, EngineFacts facts) {
    long t0 = System.nanoTime();
    String engine = facts.summary();
    LabImages images = new LabImages(ctx.engine(), ctx.env(), ctx::notice);
    for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
      ctx.err().println("smoke: image " + entry.name() + "…");
      ctx.err().flush();
      try {
        images.ensure(entry, images.defaultPolicy());
      } catch (LabException e) {
        return new Smoke(
            false,
            engine,
            false,
            List.of(),
            secondsSince(t0),
            "image " + entry.name() + " could not be " + "prepared: " + firstLine(e.getMessage()),
            e.fix() != null ? e.fix() : "cclab images prepare",
            ExitCode.ENVIRONMENT);
      }
    }
    Episode episode = LessonPack.locate(ctx.env()).episode(LessonPack.DEFAULT_EPISODE);
    DemoRunner runner = new DemoRunner(ctx.engine(), images, false);
    List<DemoLine> lines = new ArrayList<>();
    for (String id : DEMOS) {
      Demo demo =
          episode
              .demo(id)
              .orElseThrow(() -> new IllegalStateException("no demo " + id + " in the episode"));
      ctx.err().println("smoke: demo " + id + "…");
      ctx.err().flush();
      lines.add(demoLine(runner, demo));
    }
    return verdict(facts, engine, lines, secondsSince(t0));
  }

  /**
   * Ready when every demo passed; otherwise the first that did not, the host's fault or the lab's.
   */
  private static Smoke verdict(
      EngineFacts facts, String engine, List<DemoLine> lines, double seconds) {
    DemoLine failed = lines.stream().filter(l -> !l.passed()).findFirst().orElse(null);
    if (failed != null && failed.why() != null && failed.why().startsWith(CANNOT_SHOW)) {
      // the host's limitation, not a broken lab: not ready, with what would lift it
      String fix = LimitSupport.of(facts).fix();
      return new Smoke(
          false,
          engine,
          true,
          lines,
          seconds,
          "demo " + failed.id() + " " + failed.why(),
          fix.isEmpty() ? "cclab doctor lists what this engine can show" : fix,
          ExitCode.ENVIRONMENT);
    }
    if (failed != null) {
      return new Smoke(
          false,
          engine,
          true,
          lines,
          seconds,
          "demo " + failed.id() + " failed: " + failed.why(),
          "cclab run "
              + failed.id()
              + " shows each check; cclab doctor lists the engine's features",
          ExitCode.FAILED);
    }
    return new Smoke(true, engine, true, lines, seconds, null, null, ExitCode.OK);
  }

  /** One demo run as written: passed, or the first reason it did not. */
  private static DemoLine demoLine(DemoRunner runner, Demo demo) {
    long d0 = System.nanoTime();
    String why;
    boolean passed;
    try {
      DemoResult r = runner.run(demo, DemoResult.Variant.AS_WRITTEN, DemoRunner.Listener.QUIET);
      passed = r.passed() && !r.allSkipped();
      why =
          passed
              ? null
              : r.error() != null
                  ? firstLine(r.error())
                  : r.allSkipped()
                      ? skipReason(r)
                      : r.steps().stream()
                          .flatMap(s -> s.checks().stream())
                          .filter(c -> c.status() == Status.FAIL)
                          .map(CheckResult::sentence)
                          .findFirst()
                          .orElse("a check failed");
    } catch (LabException e) {
      passed = false;
      why = firstLine(e.getMessage());
    }
    return new DemoLine(
        demo.id(), passed, secondsSince(d0), why == null ? null : SafeText.escapeLine(why));
  }

  /** "ready: Podman 4.3.1 rootless, images ok, 3/3 demos in 4.1 s", or "NOT READY: … — fix: …". */
  String line() {
    if (ready) {
      return String.format(
          Locale.ROOT,
          "ready: %s, images ok, %d/%d demos in %.1f s",
          engine,
          demos.stream().filter(DemoLine::passed).count(),
          DEMOS.size(),
          seconds);
    }
    return "NOT READY: " + problem + (fix == null ? "" : " — fix: " + fix);
  }

  String json(String host) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT)
        .put("version", VERSION)
        .put("host", host)
        .put("ready", ready)
        .put("line", line());
    if (engine == null) {
      root.putNull("engine");
    } else {
      root.put("engine", engine);
    }
    root.put("imagesOk", imagesOk);
    var ds = root.putArray("demos");
    demos.forEach(
        d ->
            ds.addObject()
                .put("id", d.id())
                .put("passed", d.passed())
                .put("seconds", round(d.seconds()))
                .put("why", d.why()));
    root.put("seconds", round(seconds)).put("problem", problem).put("fix", fix);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static final String CANNOT_SHOW = "cannot be shown on this engine: ";

  /** The host's sentence from the first skipped check: why this demo cannot be shown here. */
  private static String skipReason(DemoResult r) {
    return CANNOT_SHOW
        + r.steps().stream()
            .flatMap(s -> s.checks().stream())
            .filter(c -> c.status() == Status.SKIPPED)
            .map(c -> c.sentence().replaceFirst("^skipped: ", ""))
            .findFirst()
            .orElse("every check was skipped");
  }

  private static double round(double s) {
    return Math.round(s * 10) / 10.0;
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.split("\n")[0];
  }
}
