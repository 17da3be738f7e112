package io.containercodes.lab.sandbox;

import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.EngineMeasurement;
import io.containercodes.lab.admission.RunRequest;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.Logs;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one untrusted script with hardened defaults and reports what it did and tried.
 *
 * <p>The script runs in a hardened container ({@link SandboxSpecs}); what it tried comes from its
 * system calls, traced from a sidecar container it cannot reach ({@link TracerSidecar}) and read by
 * {@link TraceAnalysis}. Its output is passed on as it comes, and nothing the report says is taken
 * from it. When it cannot be traced, the report says so instead of guessing.
 */
public final class SandboxRunner {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How long the tracer may take to end after the program did (it ends with its last tracee). */
  private static final Duration TRACER_END = Duration.ofSeconds(2);

  private final Engine engine;
  private final LabImages images;
  private final Admission admission;
  private final Map<String, String> env;
  private final Consumer<String> notice;
  private final PackageInstaller installer;
  private final HostFacts host;

  /**
   * Flags added to strace's own: the tests use one strace rejects, to see the untraced fallback
   * happen for real.
   */
  List<String> extraTracerFlags = List.of();

  /** The tracer's file-size limit: the tests lower it to see a tracer die mid-run. */
  long maxTraceBytes = TraceFile.MAX_BYTES;

  public SandboxRunner(
      Engine engine, LabImages images, Map<String, String> env, Consumer<String> notice) {
    this.engine = engine;
    this.images = images;
    this.admission = Admission.on(engine, images);
    this.env = env;
    this.notice = notice;
    this.host = HostFacts.read();
    this.installer = new PackageInstaller(host, env, notice);
  }

  /** The image a file's type calls for, or null when the user must choose. */
  public static String imageFor(Path file) {
    return SandboxTarget.imageFor(file);
  }

  public SandboxReport run(SandboxOptions o, OutputListener live) {
    // the script, the tracer's kit and the run's folder are mounted from this machine
    EngineMeasurement.requireHostFiles(
        EngineMeasurement.facts(engine, admission), "The sandbox mounts the script and its tracer");
    SandboxTarget target = SandboxTarget.of(o);
    Tracing tracing = tracing(o);
    try (RunDirectory dir = RunDirectory.create(env)) {
      SandboxRun run = attempt(o, target, tracing.kit(), dir, 1, live);
      String notObserved = tracing.notObserved();
      if (tracing.kit() != null && run.tracerNeverStarted()) {
        // the tracer never reached the program (a host whose ptrace rules refuse it): run it
        // untraced once, and say so
        String said = run.ending() == null ? "" : run.ending().complaint();
        notObserved = "the tracer could not start here" + (said.isEmpty() ? "" : " (" + said + ")");
        notice.accept("The script runs without being watched: " + notObserved + ".");
        run = attempt(o, target, null, dir, 2, live);
      }
      return finish(o, target, run, notObserved);
    }
  }

  private SandboxReport finish(
      SandboxOptions o, SandboxTarget target, SandboxRun run, String notObserved) {
    TraceAnalysis.Observation seen = null;
    if (notObserved == null) {
      seen = TraceAnalysis.analyse(run.trace(), scope(o));
      if (run.file().truncated()) {
        notice.accept(
            "The trace is longer than "
                + (TraceFile.READ_LIMIT >> 20)
                + " MiB; the report reads only its start.");
      }
    }
    if (run.file() != null && o.keepTrace() != null) {
      run.file().keep(o.keepTrace());
    }
    return ReportBuilder.build(target.name(), target.image(), o, run, seen, notObserved);
  }

  /** What the analysis needs to know of this run's sandbox. */
  static TraceAnalysis.Scope scope(SandboxOptions o) {
    Path ws = o.workspace() == null ? null : o.workspace().toAbsolutePath().normalize();
    return new TraceAnalysis.Scope(
        ws == null ? null : "/workspace",
        !o.canaryNetwork(),
        ws == null ? null : p -> hostLink(ws, p));
  }

  /** The target of the link at a /workspace path, read on the host; null when it is none. */
  private static String hostLink(Path workspace, String path) {
    Path p = workspace.resolve(path.substring("/workspace".length()).replaceFirst("^/", ""));
    if (!p.normalize().startsWith(workspace) || !Files.isSymbolicLink(p)) {
      return null;
    }
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException e) {
      return null;
    }
  }

  /** The tracer kit when the script can be watched, else why not. */
  private record Tracing(TracerKit kit, String notObserved) {}

  private Tracing tracing(SandboxOptions o) {
    if (!o.trace()) {
      return new Tracing(null, "not traced (--no-trace)");
    }
    if (hostFilesUnseen()) {
      // the sandbox reads the tracer's trace while the script runs; the engine's copy of the
      // trace folder comes back only when the tracer ends (engine.HostCopies)
      return unwatched(
          "the tracer's trace is read while the script runs, and this engine does not see this"
              + " machine's files");
    }
    TracerSource.Choice choice = TracerSource.choose(hostStraceArch(), engine.architecture());
    if (choice.hostKit()) {
      return new Tracing(TracerKit.prepare(env), null);
    }
    try {
      images.resolve(ImageCatalog.TRACER.name());
    } catch (EnvironmentProblem e) {
      return unwatched(choice.why() + ", and " + LabImages.sentence(e));
    }
    notice.accept(
        "The sandbox's tracer comes from "
            + ImageCatalog.TRACER.name()
            + ": "
            + choice.why()
            + ".");
    return new Tracing(TracerKit.inImage(), null);
  }

  private Tracing unwatched(String why) {
    notice.accept("The script runs without being watched: " + why + ".");
    return new Tracing(null, why);
  }

  /**
   * The architecture of the host's strace, installing it first where the lab may and where it would
   * run on the engine (an engine of another architecture gets the tracer image instead); null when
   * the host has none.
   */
  private String hostStraceArch() {
    String engineArch = engine.architecture();
    if (engineArch == null || engineArch.equals(TracerSource.hostArchitecture())) {
      TracerKit.unavailableReason(env, installer); // installs strace when the lab may
    }
    return TracerKit.hostStrace(env).map(TracerSource::elfArchitecture).orElse(null);
  }

  private boolean hostFilesUnseen() {
    Fact seen = EngineMeasurement.facts(engine, admission).fact(EngineFacts.Topic.HOST_FILES);
    return seen.isNo() && seen.basis() == Fact.Basis.MEASURED;
  }

  /** One run of the script, traced when {@code kit} is given, with its canary when asked for. */
  private SandboxRun attempt(
      SandboxOptions o,
      SandboxTarget target,
      TracerKit kit,
      RunDirectory dir,
      int n,
      OutputListener live) {
    try {
      Path folder = dir.privateFolder("attempt-" + n);
      Path seccomp = SandboxSeccomp.write(folder, engine.guardrails()::seccompOpens);
      try (SandboxCanary canary =
          o.canaryNetwork()
              ? SandboxCanary.start(
                  engine, admission, ImageCatalog.PYTHON.name(), o.timeout(), folder)
              : null) {
        // With the canary, every name the script looks up is answered by it, so the connection
        // that follows lands there too. Without, lookups go to the sandbox's own loopback, where
        // nothing answers: the query still leaves the program, so the trace shows the name it
        // asked for. Docker would otherwise hand it the host's resolv.conf (measured: a connect to
        // the host's resolver, refused before any name was sent), which also tells the script
        // about the host.
        String resolver = canary == null ? "127.0.0.1" : canary.address();
        Path resolv =
            Files.writeString(folder.resolve("resolv.conf"), "nameserver " + resolver + "\n");
        SandboxSpecs.Tracing tracing = kit == null ? null : tracing(kit, folder);
        SandboxSpecs specs =
            SandboxSpecs.of(
                new SandboxSpecs.Setting(
                    o,
                    target,
                    resolv,
                    seccomp,
                    canary == null ? "none" : canary.network(),
                    tracing));
        return kit == null ? untraced(specs, canary, live) : traced(specs, tracing, canary, live);
      }
    } catch (IOException e) {
      throw new EnvironmentProblem("Cannot prepare the sandbox: " + e.getMessage(), null, e);
    }
  }

  private SandboxSpecs.Tracing tracing(TracerKit kit, Path folder) throws IOException {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    return new SandboxSpecs.Tracing(
        kit,
        Files.createDirectory(folder.resolve("trace")),
        HexFormat.of().formatHex(nonce),
        kit.image(),
        extraTracerFlags,
        maxTraceBytes,
        host.hardNofile(),
        host.hardNproc());
  }

  private SandboxRun untraced(SandboxSpecs specs, SandboxCanary canary, OutputListener live) {
    Outcome outcome = engine.run(script(specs.script()), live);
    return new SandboxRun(outcome, requests(canary), StraceParser.parse(""), null, null);
  }

  /**
   * The sidecar first, then the script in its PID namespace. A sidecar that ends before the script
   * could join it (strace refused to start) leaves the engine nothing to join: that is the tracer
   * not starting, not the engine refusing the script.
   */
  private SandboxRun traced(
      SandboxSpecs specs, SandboxSpecs.Tracing tracing, SandboxCanary canary, OutputListener live) {
    TraceFile file = new TraceFile(tracing.traceDir().resolve("calls"));
    try (TracerSidecar sidecar = TracerSidecar.start(engine, tracer(specs.tracer()))) {
      Outcome outcome;
      try {
        outcome =
            engine.run(
                script(specs.scriptJoining(sidecar.containerId(), engine.guardrails())), live);
      } catch (EngineRefused e) {
        TracerSidecar.Ending ending = sidecar.finish(Duration.ofMillis(500));
        if (ending.exit().timedOut()) {
          throw e;
        }
        return new SandboxRun(null, List.of(), StraceParser.parse(""), ending, file);
      }
      TracerSidecar.Ending ending = sidecar.finish(TRACER_END);
      return new SandboxRun(
          outcome, requests(canary), StraceParser.parse(file.read()).fromProgram(), ending, file);
    }
  }

  /**
   * The script's container, through the one admission path: judged as the sandbox's (its consent,
   * when the spec carries the lab's, is the request's), the engine's changes recorded.
   */
  private AdmittedRun script(RunSpec spec) {
    return admission.admit(
        RunRequest.built(Origin.SANDBOX, spec)
            .consent(spec.consent())
            .capture(true, false)
            .build());
  }

  /** The tracer's sidecar, a run of the lab's own, with the consent its spec carries. */
  private AdmittedRun tracer(RunSpec spec) {
    return admission.admit(
        RunRequest.built(Origin.LAB_PROBE, spec).consent(spec.consent()).build());
  }

  private static List<String> requests(SandboxCanary canary) {
    return canary == null ? List.of() : canary.requests();
  }

  /**
   * strace's own complaint on standard error ("PTRACE_SEIZE: Operation not permitted"), or the
   * sidecar's search's ("cclab: the script never appeared").
   */
  static String tracerError(String stderr) {
    for (String line : stderr.split("\n", -1)) {
      int at = line.indexOf("strace: ");
      if (at >= 0) {
        return line.substring(at + "strace: ".length()).strip();
      }
      if (line.startsWith("cclab: ")) {
        return line.substring("cclab: ".length()).strip();
      }
    }
    return "";
  }

  /** "DNS name" and "HTTP GET host/path" for each line the canary logged. */
  static List<String> canaryRequests(Logs logs) {
    List<String> requests = new ArrayList<>();
    for (String line : logs.stdout().text().split("\n", -1)) {
      String[] f = line.split(" ", 0); // limit 0, as before: trailing empty fields dropped
      if (f.length >= 4 && f[0].equals("cclab-canary") && f[1].equals("dns")) {
        if (!requests.contains("DNS " + f[2])) { // A and AAAA lookups of one name are one attempt
          requests.add("DNS " + f[2]);
        }
      } else if (f.length >= 4 && f[0].equals("cclab-canary") && f[1].equals("http")) {
        requests.add("HTTP " + f[2] + " " + f[3]);
      }
    }
    return requests;
  }
}
