package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.RunRequest;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.Engine;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sandbox",
    description = "Run code you do not trust, hardened, and see what it tried.",
    subcommands = {SandboxCommand.Run.class, SelftestCommand.class})
final class SandboxCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "run",
      // one paragraph per element: a command list shows the first, picocli wraps each
      description = {
        "Run FILE in a hardened container, and see what it tried.",
        "Hardened: no network, read-only root, /tmp and /work as small tmpfs that run nothing, no"
            + " capabilities, no-new-privileges, an unprivileged user, 256 MiB, 0.5 CPU, 128"
            + " processes, 60 s. Each default can be relaxed by a flag, and every relaxation is"
            + " announced."
      },
      footer = {
        "",
        "What it tried is read from its system calls (strace, in a container of its own the script"
            + " cannot reach), not from its output; its output is fenced.",
        "Exit status: the script's own (137 when the sandbox killed it); with --strict, 4 when it"
            + " tried anything a rule flags, anything got through, or the trace is incomplete."
      })
  static final class Run extends BaseCommand {
    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description =
            "The script (.py runs in cclab/python, .sh and static programs in cclab/busybox).")
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
            "Exit 4 when the script tried anything a rule flags, anything got through, or the trace"
                + " is incomplete.")
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
      SandboxOptions o = options();
      o.relaxations().forEach(r -> ctx().notice("relaxed: " + r));
      SandboxReport r = execute(o);
      if (json) {
        ctx().out().println(SandboxReportJson.of(r));
      } else {
        SandboxReportText.print(r, ctx().engine().limits(), ctx().out());
      }
      return strict && r.containedSomething() ? ExitCode.CONTAINED : r.outcome().exitCode();
    }

    /** Runs the script with its output fenced, and returns the report drawn after it. */
    private SandboxReport execute(SandboxOptions o) {
      PrintWriter scriptOut = json ? ctx().err() : ctx().out();
      FencedOutput fenced =
          new FencedOutput(file.getFileName().toString(), scriptOut, ctx().err(), ctx()::notice);
      Engine engine = ctx().engine();
      SandboxRunner runner =
          new SandboxRunner(
              engine,
              new LabImages(engine, ctx().env(), ctx()::notice),
              ctx().env(),
              ctx()::notice);
      fenced.open();
      try {
        return runner.run(o, fenced);
      } finally {
        fenced.close();
      }
    }

    /** The flags as options, each refused with its own sentence when it makes no sense. */
    private SandboxOptions options() {
      if (network != null && !network.equals("canary")) {
        throw new InvalidInput(
            "--network takes only 'canary': the sandbox never reaches a real network.", null);
      }
      if (writableWorkspace && workspace == null) {
        throw new InvalidInput("--writable-workspace needs --workspace DIR.", null);
      }
      if (noTrace && traceFile != null) {
        throw new InvalidInput(
            "--trace FILE keeps the trace, and --no-trace makes none: choose one.", null);
      }
      long mem = memoryBytes();
      checkLimits();
      checkWorkspace();
      return new SandboxOptions(
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
    }

    /** The sandbox always keeps a memory limit: 0 would mean "none" to the engine. */
    private long memoryBytes() {
      long mem;
      try {
        mem = memory == null ? SandboxOptions.DEFAULT_MEMORY : Bytes.parse(memory);
      } catch (NumberFormatException e) {
        throw new InvalidInput("--memory " + memory + ": " + e.getMessage(), null);
      }
      if (mem < (6L << 20)) {
        throw new InvalidInput(
            "--memory "
                + memory
                + ": the sandbox keeps a memory limit of at least 6m (0 would mean none).",
            "Raise it, e.g. --memory 1g; the sandbox never runs without one.");
      }
      return mem;
    }

    private void checkLimits() {
      if (pids != null && pids < 1) {
        throw new InvalidInput(
            "--pids "
                + pids
                + ": the sandbox keeps a process limit of at least 1 (0 or -1 would mean none).",
            "Raise it, e.g. --pids 512.");
      }
      if (cpus != null && !(cpus >= 0.01)) {
        throw new InvalidInput("--cpus " + cpus + ": give at least 0.01.", null);
      }
      if (timeout != null && timeout < 1) {
        throw new InvalidInput(
            "--timeout " + timeout + ": a time limit is at least 1 second.", null);
      }
    }

    /** Judged before anything starts, with the sandbox's own words (it has no --i-understand). */
    private void checkWorkspace() {
      if (workspace == null) {
        return;
      }
      RunSpec spec =
          RunSpec.builder("workspace")
              .bind(
                  new RunSpec.BindMount(
                      workspace.toAbsolutePath().toString(),
                      "/workspace",
                      !writableWorkspace,
                      List.of()))
              .build();
      Admission.forHost(ctx().env(), ctx()::engine, ctx()::notice)
          .judge(RunRequest.built(Origin.SANDBOX, spec).build());
    }
  }
}
