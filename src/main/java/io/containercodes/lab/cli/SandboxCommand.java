package io.containercodes.lab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.RunRequest;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.LimitSupport;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.sandbox.SandboxOptions;
import io.containercodes.lab.sandbox.SandboxReport;
import io.containercodes.lab.sandbox.SandboxRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sandbox",
    description = "Run code you do not trust, hardened, and see what it tried.",
    subcommands = {SandboxCommand.Run.class})
final class SandboxCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "run",
      description = {
        "Run FILE in a hardened container: no network, read-only root, /tmp and /work as small"
            + " tmpfs that run nothing,",
        "no capabilities, no-new-privileges, an unprivileged user, 256 MiB, 0.5 CPU, 128 processes,"
            + " 60 s.",
        "Each default can be relaxed by a flag, and every relaxation is announced."
      },
      footer = {
        "",
        "What it tried is read from its system calls (strace, lent read-only), not from its"
            + " output.",
        "Exit status: the script's own (137 when the sandbox killed it); with --strict, 4 when it"
            + " tried anything the sandbox had to stop, or anything got through."
      })
  static final class Run extends BaseCommand {
    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "The script (.py runs in cclab/python, .sh in cclab/busybox).")
    Path file;

    @Parameters(
        index = "1..*",
        arity = "0..*",
        paramLabel = "ARGS",
        description = "Arguments for the script, after --.")
    List<String> args = new ArrayList<>();

    @Option(
        names = "--image",
        description = "The image to run it in (default: from the file's type).")
    String image;

    @Option(
        names = "--network",
        paramLabel = "canary",
        description = "'canary': a lab network whose only host records every connection.")
    String network;

    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory limit (default 256m).")
    String memory;

    @Option(names = "--cpus", paramLabel = "N", description = "CPU limit (default 0.5).")
    Double cpus;

    @Option(names = "--pids", paramLabel = "N", description = "Process limit (default 128).")
    Long pids;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        description = "Kill it after this long (default 60).")
    Long timeout;

    @Option(
        names = "--workspace",
        paramLabel = "DIR",
        description = "Mount DIR read-only at /workspace.")
    Path workspace;

    @Option(
        names = "--writable-workspace",
        description = "Make the workspace writable (the script can change your files).")
    boolean writableWorkspace;

    @Option(
        names = "--json",
        description = "Print the report as JSON (the script's output goes to standard error).")
    boolean json;

    @Option(
        names = "--strict",
        description =
            "Exit 4 when the script tried anything the sandbox had to stop, or anything got"
                + " through.")
    boolean strict;

    @Option(
        names = "--no-trace",
        description = "Do not watch its system calls (the report then cannot say what it tried).")
    boolean noTrace;

    @Option(
        names = "--trace",
        paramLabel = "FILE",
        description = "Keep the raw strace output of the run in FILE.")
    Path traceFile;

    @Override
    protected int run() throws Exception {
      if (network != null && !network.equals("canary")) {
        throw new io.containercodes.lab.InvalidInput(
            "--network takes only 'canary': the sandbox never reaches a real network.", null);
      }
      if (writableWorkspace && workspace == null) {
        throw new io.containercodes.lab.InvalidInput(
            "--writable-workspace needs --workspace DIR.", null);
      }
      long mem;
      try {
        mem = memory == null ? SandboxOptions.DEFAULT_MEMORY : Bytes.parse(memory);
      } catch (NumberFormatException e) {
        throw new io.containercodes.lab.InvalidInput(
            "--memory " + memory + ": " + e.getMessage(), null);
      }
      // the sandbox always keeps its limits: 0 would mean "none" to the engine, so it is a usage
      // error here
      if (mem < (6L << 20)) {
        throw new io.containercodes.lab.InvalidInput(
            "--memory "
                + memory
                + ": the sandbox keeps a memory limit of at "
                + "least 6m (0 would mean none).",
            "Raise it, e.g. --memory 1g; the sandbox never runs without one.");
      }
      if (pids != null && pids < 1) {
        throw new io.containercodes.lab.InvalidInput(
            "--pids "
                + pids
                + ": the sandbox keeps a process limit of at least 1 "
                + "(0 or -1 would mean none).",
            "Raise it, e.g. --pids 512.");
      }
      if (cpus != null && !(cpus >= 0.01)) {
        throw new io.containercodes.lab.InvalidInput(
            "--cpus " + cpus + ": give at least 0.01.", null);
      }
      if (timeout != null && timeout < 1) {
        throw new io.containercodes.lab.InvalidInput(
            "--timeout " + timeout + ": a time limit is at least 1 second.", null);
      }
      if (workspace != null) {
        // judged before anything starts, with the sandbox's own words (it has no --i-understand)
        Admission.forHost(ctx().env(), ctx()::engine, ctx()::notice)
            .judge(
                RunRequest.built(
                        Origin.SANDBOX,
                        RunSpec.builder("workspace")
                            .bind(
                                new RunSpec.BindMount(
                                    workspace.toAbsolutePath().toString(),
                                    "/workspace",
                                    !writableWorkspace,
                                    List.of()))
                            .build())
                    .build());
      }
      SandboxOptions o =
          new SandboxOptions(
              file,
              args,
              image,
              network != null,
              mem,
              cpus == null ? SandboxOptions.DEFAULT_CPUS : cpus,
              pids == null ? SandboxOptions.DEFAULT_PIDS : pids,
              timeout == null ? SandboxOptions.DEFAULT_TIMEOUT : Duration.ofSeconds(timeout),
              workspace,
              writableWorkspace,
              !noTrace,
              traceFile);
      if (noTrace && traceFile != null) {
        throw new io.containercodes.lab.InvalidInput(
            "--trace FILE keeps the trace, and --no-trace makes none: choose one.", null);
      }
      o.relaxations().forEach(r -> ctx().notice("relaxed: " + r));
      PrintWriter scriptOut = json ? ctx().err() : ctx().out();
      Engine engine = ctx().engine();
      SandboxReport r =
          new SandboxRunner(
                  engine,
                  new LabImages(engine, ctx().env(), ctx()::notice),
                  ctx().env(),
                  ctx()::notice)
              .run(
                  o,
                  new OutputListener() {
                    @Override
                    public void stdout(String text) {
                      scriptOut.print(io.containercodes.lab.render.SafeText.escape(text));
                      scriptOut.flush();
                    }

                    @Override
                    public void stderr(String text) {
                      ctx().err().print(io.containercodes.lab.render.SafeText.escape(text));
                      ctx().err().flush();
                    }

                    private final io.containercodes.lab.render.OncePerSecond tick =
                        new io.containercodes.lab.render.OncePerSecond();

                    /**
                     * A resource line at most once a second while it runs: memory against the
                     * limit.
                     */
                    @Override
                    public void memory(long usedBytes, Long limitBytes) {
                      if (tick.due()) {
                        ctx()
                            .notice(
                                "memory "
                                    + Bytes.human(usedBytes)
                                    + (limitBytes == null ? "" : " of " + Bytes.human(limitBytes)));
                      }
                    }
                  });
      if (json) {
        ctx()
            .out()
            .println(
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(r)));
      } else {
        print(r, ctx().engine().limits(), ctx().out());
      }
      return strict && r.containedSomething() ? ExitCode.CONTAINED : r.outcome().exitCode();
    }

    /**
     * Everything from the script (paths, argv, names it looked up) goes through SafeText: it is
     * hostile text.
     */
    private static void print(SandboxReport r, LimitSupport limits, PrintWriter out) {
      Outcome o = r.outcome();
      out.println();
      out.println("── sandbox report: " + safe(r.file()) + " in " + safe(r.image()) + " ──");
      out.printf(
          "  exit status   %d%s%n",
          o.exitCode(),
          o.timedOut()
              ? " (killed at the timeout)"
              : o.oomKilled() ? " (killed: out of memory)" : "");
      out.printf(
          "  time          %.2f s%s%n",
          o.duration().toMillis() / 1000.0,
          o.usage().cpuNanos().isEmpty()
              ? ""
              : String.format(Locale.ROOT, ", CPU %.2f s", o.usage().cpuNanos().getAsLong() / 1e9));
      out.printf(
          "  memory        %s%n",
          !limits.limits().acts()
              ? "not measured, and the sandbox's memory and process limits did not act: "
                  + limits.limits().reason()
              : o.usage().peakMemoryBytes().isEmpty()
                  ? "no sample (it ended within a second)"
                  : "highest sample "
                      + Bytes.human(o.usage().peakMemoryBytes().getAsLong())
                      + " of "
                      + Bytes.human(o.usage().memoryLimitBytes().getAsLong()));
      if (r.observed() && r.peakProcesses() > 0) {
        out.printf("  processes     at most %d at once%n", r.peakProcesses());
      } else if (o.usage().peakPids().isPresent()) {
        out.printf("  processes     at most %d seen%n", o.usage().peakPids().getAsLong());
      }
      List<String> files = new ArrayList<>();
      r.scratchWrites().forEach((f, n) -> files.add(safe(f) + " (" + Bytes.human(n) + ")"));
      r.filesWritten().stream()
          .filter(f -> !r.scratchWrites().containsKey(f))
          .forEach(f -> files.add(safe(f)));
      long total = r.scratchWrites().values().stream().mapToLong(Long::longValue).sum();
      String more =
          files.size() <= 6
              ? ""
              : ", and " + (files.size() - 6) + " more (" + Bytes.human(total) + " written in all)";
      out.printf(
          "  scratch       %s%n",
          files.isEmpty()
              ? "nothing written"
              : String.join(", ", files.subList(0, Math.min(6, files.size())))
                  + more
                  + " — gone now");
      if (!r.rootChanges().isEmpty()) {
        out.printf("  root changes  %s%n", safe(String.join(", ", r.rootChanges())));
      }
      if (!r.canaryRequests().isEmpty()) {
        out.printf(
            "  canary        %d request(s): %s%n",
            r.canaryRequests().size(), safe(String.join(", ", r.canaryRequests())));
      }
      if (!r.observed()) {
        out.println("  observed      not observed: " + safe(r.notObserved()));
      }
      List<SandboxReport.Attempt> shown = r.attempts();
      if (!shown.isEmpty()) {
        out.println("  it tried:");
        for (SandboxReport.Attempt a : shown) {
          String result =
              a.blocked()
                  ? "blocked"
                      + (a.errno() == null ? "" : " " + a.errno())
                      + (a.protection().isEmpty() ? "" : " by " + a.protection())
                  : a.gotThrough()
                      ? "GOT THROUGH"
                          + (a.protection().isEmpty() ? "" : " (" + a.protection() + ")")
                      : a.result();
          out.printf(
              "    • %-9s %s%s — %s, first at %s%n",
              a.kind(),
              safe(a.target()),
              a.count() > 1 ? " ×" + a.count() : "",
              result,
              millis(a.firstMs()));
        }
      }
      r.relaxations().forEach(x -> out.println("  relaxed       " + x));
      out.println("  verdict       " + safe(r.verdict()));
    }

    /**
     * One line of hostile text: control characters escaped, and newlines and tabs too, so it cannot
     * forge report lines.
     */
    private static String safe(String s) {
      return io.containercodes.lab.render.SafeText.escape(
          s == null ? "" : s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t"));
    }

    private static String millis(long ms) {
      return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    private static ObjectNode toJson(SandboxReport r) {
      ObjectMapper m = new ObjectMapper();
      ObjectNode n = m.createObjectNode();
      Outcome o = r.outcome();
      n.put("file", r.file());
      n.put("image", r.image());
      n.put("exitCode", o.exitCode());
      n.put("timedOut", o.timedOut());
      n.put("oomKilled", o.oomKilled());
      n.put("pidsLimitHit", r.pidsLimitHit());
      n.put("seconds", o.duration().toMillis() / 1000.0);
      o.usage().cpuNanos().ifPresent(cpu -> n.put("cpuSeconds", cpu / 1e9));
      o.usage().peakMemoryBytes().ifPresent(peak -> n.put("peakMemoryBytes", peak));
      n.put("observed", r.observed());
      if (!r.observed()) {
        n.put("notObserved", r.notObserved());
      } else {
        n.put("traceComplete", r.traceComplete());
        n.put("peakProcesses", r.peakProcesses());
      }
      n.putPOJO("filesWritten", r.filesWritten());
      n.putPOJO("scratchWrites", r.scratchWrites());
      n.putPOJO("rootChanges", r.rootChanges());
      n.putPOJO("canaryRequests", r.canaryRequests());
      var attempts = n.putArray("attempts");
      for (SandboxReport.Attempt a : r.attempts()) {
        ObjectNode x =
            attempts
                .addObject()
                .put("kind", a.kind())
                .put("target", a.target())
                .put("result", a.result());
        x.put("errno", a.errno())
            .put("protection", a.protection())
            .put("count", a.count())
            .put("firstMs", a.firstMs());
      }
      var timeline = n.putArray("timeline");
      r.attempts().stream()
          .sorted(java.util.Comparator.comparingLong(SandboxReport.Attempt::firstMs))
          .limit(20)
          .forEach(
              a ->
                  timeline.add(
                      "+"
                          + a.firstMs()
                          + " ms "
                          + a.kind()
                          + " "
                          + a.target()
                          + ": "
                          + a.result()
                          + (a.errno() == null ? "" : " " + a.errno())));
      n.putPOJO("relaxations", r.relaxations());
      n.put("verdict", r.verdict());
      return n;
    }
  }
}
