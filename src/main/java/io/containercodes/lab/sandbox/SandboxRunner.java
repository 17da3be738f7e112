package io.containercodes.lab.sandbox;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.EngineMeasurement;
import io.containercodes.lab.admission.RunRequest;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Logs;
import io.containercodes.lab.engine.OomVerdict;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.LabDirectories;
import io.containercodes.lab.host.PackageInstaller;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one untrusted script with hardened defaults and reports what it did and tried.
 *
 * <p>The script is mounted read-only and copied into a tmpfs work directory by a small wrapper,
 * which, after the script ends, lists the files left in the scratch areas (/tmp and /work): a tmpfs
 * vanishes with its container, so this is the only moment they can be seen. The engine's changes
 * API covers the root layer.
 *
 * <p>What the script tried comes from its system calls: the wrapper starts it under the host's
 * strace, lent read-only by {@link TracerKit}, and {@link TraceAnalysis} reads the trace. When it
 * cannot be traced, the report says so instead of guessing from the script's output, which hostile
 * code controls.
 */
public final class SandboxRunner {
  static final String MARKER = "@@cclab-sandbox-files@@";
  private static final String WRAPPER =
      "cp \"/sandbox/in/$CCLAB_FILE\" /work/ || exit 125; cd /work; \"$@\"; s=$?; "
          + "echo; echo '"
          + MARKER
          + "'; find /tmp /work -type f 2>/dev/null | grep -v \"^/work/$CCLAB_FILE\\$\"; exit $s";

  private final Engine engine;
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

  public SandboxRunner(
      Engine engine, LabImages images, Map<String, String> env, Consumer<String> notice) {
    this.engine = engine;
    this.admission = Admission.on(engine, images);
    this.env = env;
    this.notice = notice;
    this.host = HostFacts.read();
    this.installer = new PackageInstaller(host, env, notice);
  }

  /** The image a file's type calls for, or null when the user must choose. */
  public static String imageFor(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".py")) {
      return ImageCatalog.PYTHON.name();
    }
    if (name.endsWith(".sh")) {
      return ImageCatalog.BUSYBOX.name();
    }
    return null;
  }

  private static List<String> interpreter(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".py")) {
      return List.of("python3", "/work/" + name);
    }
    return List.of("sh", "/work/" + name);
  }

  public SandboxReport run(SandboxOptions o, OutputListener live) {
    // the script, its tracer and the trace folder are mounted from this machine
    EngineMeasurement.requireHostFiles(
        EngineMeasurement.facts(engine, admission), "The sandbox mounts the script and its tracer");
    Target target = target(o);
    Tracing tracing = tracing(o);
    try (TracerKit kit = tracing.kit()) {
      String notObserved = tracing.notObserved();
      Run first = runOnce(o, target, kit, live);
      if (kit != null && first.trace().calls().isEmpty() && !first.outcome().timedOut()) {
        // the tracer never started the program (an engine whose seccomp profile refuses ptrace):
        // run it untraced once
        String said = tracerError(first.outcome().stderr().text());
        notObserved = "the tracer could not start here" + (said.isEmpty() ? "" : " (" + said + ")");
        notice.accept("The script runs without being watched: " + notObserved + ".");
        first = runOnce(o, target, null, live);
      }
      TraceAnalysis.Observation seen = null;
      if (notObserved == null) {
        seen =
            TraceAnalysis.analyse(
                first.trace(),
                new TraceAnalysis.Scope(
                    TracerKit.TRACE_MOUNT,
                    o.workspace() != null && o.writableWorkspace() ? "/workspace" : null,
                    !o.canaryNetwork()));
      }
      if (kit != null && o.keepTrace() != null) {
        keep(kit, o.keepTrace());
      }
      if (kit != null && notObserved == null && kit.truncated()) {
        notice.accept(
            "The trace is longer than "
                + (TracerKit.READ_LIMIT >> 20)
                + " MiB; the report reads only its start.");
      }
      return report(
          target.name(), target.image(), o, first.outcome(), first.requests(), seen, notObserved);
    }
  }

  /** The script, the image it runs in and the command that runs it. */
  private record Target(
      Path file, String name, String image, boolean labImage, List<String> program) {}

  private Target target(SandboxOptions o) {
    Path file = o.file().toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInput(o.file() + " is not a file.", "Give the path of the script to run.");
    }
    String image = o.image() != null ? o.image() : imageFor(file);
    if (image == null) {
      throw new InvalidInput(
          "The lab does not know what runs " + file.getFileName() + ".",
          "Choose an image: --image cclab/python (for Python) or --image cclab/busybox (for sh).");
    }
    List<String> program = new ArrayList<>(interpreter(file));
    program.addAll(o.args());
    return new Target(
        file, file.getFileName().toString(), image, ImageCatalog.find(image).isPresent(), program);
  }

  /** The tracer kit when the script can be watched, else why not. */
  private record Tracing(TracerKit kit, String notObserved) {}

  private Tracing tracing(SandboxOptions o) {
    if (!o.trace()) {
      return new Tracing(null, "not traced (--no-trace)");
    }
    String why = TracerKit.unavailableReason(env, installer);
    if (why != null) {
      notice.accept("The script runs without being watched: " + why + ".");
      return new Tracing(null, why);
    }
    return new Tracing(TracerKit.create(env), null);
  }

  private record Run(Outcome outcome, List<String> requests, StraceParser.Trace trace) {}

  private static void keep(TracerKit kit, Path to) {
    try {
      Files.copy(kit.traceFile(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new EnvironmentProblem(
          "Cannot keep the trace in " + to + ": " + e.getMessage(), null, e);
    }
  }

  /** strace's own complaint on standard error, e.g. "PTRACE_TRACEME: Operation not permitted". */
  static String tracerError(String stderr) {
    for (String line : stderr.split("\n", -1)) {
      int at = line.indexOf("strace: ");
      if (at >= 0) {
        return line.substring(at + "strace: ".length()).strip();
      }
    }
    return "";
  }

  private Run runOnce(SandboxOptions o, Target target, TracerKit kit, OutputListener live) {
    RunSpec.Builder b = spec(o, target, kit);
    try (Scratch scratch = Scratch.create();
        SandboxCanary canary =
            o.canaryNetwork()
                ? SandboxCanary.start(
                    engine, admission, ImageCatalog.PYTHON.name(), o.timeout(), scratch.dir())
                : null) {
      // With the canary, every name the script looks up is answered by it, so the connection
      // that follows lands there too. Without, lookups go to the sandbox's own loopback, where
      // nothing answers: the query still leaves the program, so the trace shows the name it asked
      // for. Docker would otherwise hand it the host's resolv.conf (measured: a connect to the
      // host's resolver, refused before any name was sent), which also tells the script about the
      // host.
      String resolver = canary == null ? "127.0.0.1" : canary.address();
      Path resolv =
          Files.writeString(scratch.dir().resolve("resolv.conf"), "nameserver " + resolver + "\n");
      b.bind(new RunSpec.BindMount(resolv.toString(), "/etc/resolv.conf", true, List.of()));
      b.network(canary == null ? "none" : canary.network());
      Outcome outcome =
          engine.run(
              admission.admit(RunRequest.built(Origin.SANDBOX, b.build()).build()),
              new MarkerFilter(live));
      List<String> requests = canary == null ? List.of() : canary.requests();
      return new Run(outcome, requests, StraceParser.parse(kit == null ? "" : kit.read()));
    } catch (java.io.IOException e) {
      throw new EnvironmentProblem(
          "Cannot prepare the sandbox's canary: " + e.getMessage(), null, e);
    }
  }

  /** A temporary directory for the files the sandbox mounts; closing deletes it. */
  private record Scratch(Path dir) implements AutoCloseable {
    static Scratch create() throws java.io.IOException {
      return new Scratch(LabDirectories.newWorkFolder("cclab-sandbox-"));
    }

    @Override
    public void close() {
      FileTrees.deleteQuietly(dir);
    }
  }

  /** The hardened spec: read-only root, no capabilities, scratch tmpfs, the script read-only. */
  private RunSpec.Builder spec(SandboxOptions o, Target target, TracerKit kit) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", WRAPPER, "cclab-sandbox"));
    command.addAll(
        kit == null ? target.program() : kit.command(extraTracerFlags, target.program()));
    String name = target.name();
    RunSpec.Builder b =
        RunSpec.builder(target.image())
            .command(command)
            .env("CCLAB_FILE", name)
            .user(target.labImage() ? "1000:1000" : "65534:65534")
            .readOnlyRoot(true)
            // Podman's --read-only would add writable, exec-able tmpfs on /run and /var/tmp
            .readOnlyTmpfs(false)
            .tmpfs(new RunSpec.Tmpfs("/tmp", "rw,noexec,nosuid,nodev,size=64m"))
            .tmpfs(new RunSpec.Tmpfs("/work", "rw,noexec,nosuid,nodev,size=16m,mode=1777"))
            .bind(
                new RunSpec.BindMount(
                    target.file().toString(), "/sandbox/in/" + name, true, List.of()))
            .capDrop("ALL")
            .securityOpt("no-new-privileges")
            .memoryBytes(o.memoryBytes())
            .memorySwapBytes(o.memoryBytes())
            .nanoCpus(Math.round(o.cpus() * 1e9))
            .pidsLimit(o.pids())
            .timeout(o.timeout())
            .captureChanges(true)
            .label("io.containercodes.lab.sandbox", name);
    if (kit != null) {
      tracerMounts(b, kit);
    }
    if (o.workspace() != null) {
      b.bind(
          new RunSpec.BindMount(
              o.workspace().toAbsolutePath().normalize().toString(),
              "/workspace",
              !o.writableWorkspace(),
              List.of()));
    }
    return b;
  }

  private void tracerMounts(RunSpec.Builder b, TracerKit kit) {
    kit.mounts().forEach(b::bind);
    b.ulimit(new RunSpec.Ulimit("fsize", TracerKit.MAX_FILE_BYTES, TracerKit.MAX_FILE_BYTES));
    // naming one ulimit makes Podman drop its configured defaults, which exceed some hosts' hard
    // limits: name the others too, within this host's limits, as the engine package does for
    // Podman's defaults
    long nofile = Math.min(host.hardNofile(), 1L << 20);
    long nproc = Math.min(host.hardNproc(), 32_768);
    b.ulimit(new RunSpec.Ulimit("nofile", nofile, nofile));
    b.ulimit(new RunSpec.Ulimit("nproc", nproc, nproc));
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

  static SandboxReport report(
      String name,
      String image,
      SandboxOptions o,
      Outcome outcome,
      List<String> requests,
      TraceAnalysis.Observation seen,
      String notObserved) {
    List<String> files = scratchFiles(outcome.stdout().text());
    List<SandboxReport.Attempt> attempts = attempts(seen);
    outcome = notOomWhenItKilledItsTracer(outcome, seen, attempts);
    attempts.addAll(limitsHit(o, outcome));
    boolean pidsHit = pidsHit(o, outcome, seen, attempts);
    Map<String, Long> written = seen == null ? Map.of() : new LinkedHashMap<>(seen.scratchWrites());
    boolean complete = seen != null && seen.complete();
    return new SandboxReport(
        name,
        image,
        outcome,
        pidsHit,
        seen != null,
        notObserved,
        complete,
        files,
        written,
        outcome.changes(),
        requests,
        attempts,
        seen == null ? 0 : seen.peakProcesses(),
        o.relaxations(),
        verdict(o, outcome, pidsHit, attempts, files, seen, notObserved));
  }

  /** The files the wrapper listed after the marker: what the script left in scratch space. */
  private static List<String> scratchFiles(String stdout) {
    int mark = stdout.lastIndexOf(MARKER);
    List<String> files = new ArrayList<>();
    if (mark >= 0) {
      for (String f : stdout.substring(mark + MARKER.length()).split("\n", -1)) {
        if (!f.isBlank()) {
          files.add(f.strip());
        }
      }
    }
    return files;
  }

  /** The trace's attempts as the report's (a list the limits hit are added to). */
  private static List<SandboxReport.Attempt> attempts(TraceAnalysis.Observation seen) {
    List<SandboxReport.Attempt> attempts = new ArrayList<>();
    if (seen != null) {
      seen.attempts()
          .forEach(
              a ->
                  attempts.add(
                      new SandboxReport.Attempt(
                          a.kind(),
                          a.target(),
                          a.result(),
                          a.errno(),
                          a.protection(),
                          a.count(),
                          a.firstMs())));
    }
    return attempts;
  }

  private static Outcome notOomWhenItKilledItsTracer(
      Outcome outcome, TraceAnalysis.Observation seen, List<SandboxReport.Attempt> attempts) {
    if (outcome.oomKilled()
        && seen != null
        && !seen.complete()
        && attempts.stream()
            .anyMatch(a -> a.kind().equals("tracer") && a.target().startsWith("kill"))) {
      // exit 137 under a memory limit reads as an OOM kill, but the trace shows the program
      // SIGKILLed its tracer
      return outcome.withOom(
          new OomVerdict.Verdict(
              false,
              "killed by SIGKILL (exit 137): the trace shows the script killing its tracer"));
    }
    return outcome;
  }

  /** The memory and time limits the run hit, as attempts at its end. */
  private static List<SandboxReport.Attempt> limitsHit(SandboxOptions o, Outcome outcome) {
    List<SandboxReport.Attempt> hit = new ArrayList<>();
    long endMs = outcome.duration().toMillis();
    if (outcome.oomKilled()) {
      hit.add(
          new SandboxReport.Attempt(
              "memory",
              "more than " + Bytes.human(o.memoryBytes()),
              "blocked",
              null,
              "--memory",
              1,
              endMs));
    }
    if (outcome.timedOut()) {
      hit.add(
          new SandboxReport.Attempt(
              "time",
              "longer than " + o.timeout().toSeconds() + " s",
              "blocked",
              null,
              "--timeout",
              1,
              endMs));
    }
    return hit;
  }

  private static boolean pidsHit(
      SandboxOptions o,
      Outcome outcome,
      TraceAnalysis.Observation seen,
      List<SandboxReport.Attempt> attempts) {
    return attempts.stream().anyMatch(a -> a.kind().equals("fork") && "EAGAIN".equals(a.errno()))
        || outcome.usage().peakPids().stream().anyMatch(peak -> peak >= o.pids())
        || (seen != null && seen.peakProcesses() >= o.pids());
  }

  private static String verdict(
      SandboxOptions o,
      Outcome outcome,
      boolean pidsHit,
      List<SandboxReport.Attempt> attempts,
      List<String> files,
      TraceAnalysis.Observation seen,
      String notObserved) {
    String ending = ending(o, outcome, pidsHit, attempts, seen);
    String left =
        files.isEmpty() ? "" : "; it left " + files.size() + " file(s) in scratch space, gone now";
    if (seen == null) {
      return ending + "; not observed: " + notObserved + " — what it tried is unknown" + left + ".";
    }
    return ending
        + "; "
        + tried(attempts)
        + left
        + (seen.complete() || outcome.timedOut() || outcome.oomKilled()
            ? ""
            : "; the trace ends before the program did (the tracer was stopped), so it may have"
                + " tried more")
        + ".";
  }

  /** How the run ended: stopped by a limit, contained, cut short with its tracer, or done. */
  private static String ending(
      SandboxOptions o,
      Outcome outcome,
      boolean pidsHit,
      List<SandboxReport.Attempt> attempts,
      TraceAnalysis.Observation seen) {
    if (outcome.timedOut()) {
      return "Stopped: it was still running after "
          + o.timeout().toSeconds()
          + " s, and the sandbox killed it";
    } else if (outcome.oomKilled()) {
      return "Stopped: it tried to use more than "
          + Bytes.human(o.memoryBytes())
          + " of memory and was killed";
    } else if (pidsHit) {
      return "Contained: it hit the limit of "
          + o.pids()
          + " processes (exit "
          + outcome.exitCode()
          + ")";
    } else if (seen != null
        && !seen.complete()
        && attempts.stream().anyMatch(a -> a.kind().equals("tracer"))) {
      return "Ended when it reached for its tracer (exit "
          + outcome.exitCode()
          + "): the container ends with the tracer";
    }
    return "Ran to the end (exit " + outcome.exitCode() + ")";
  }

  /** Each kind of attempt the summary counts, with its noun in the singular and the plural. */
  private static final Map<String, String[]> NOUNS = nouns();

  private static Map<String, String[]> nouns() {
    Map<String, String[]> nouns = new LinkedHashMap<>();
    nouns.put(
        "write", new String[] {"write outside scratch space", "writes outside scratch space"});
    nouns.put(
        "read", new String[] {"read of a place secrets live", "reads of places secrets live"});
    nouns.put("network", new String[] {"connection", "connections"});
    nouns.put("dns", new String[] {"DNS lookup", "DNS lookups"});
    nouns.put("privilege", new String[] {"privileged call", "privileged calls"});
    nouns.put(
        "fork", new String[] {"process start over the limit", "process starts over the limit"});
    nouns.put("tracer", new String[] {"attempt on the tracer", "attempts on the tracer"});
    return Collections.unmodifiableMap(nouns);
  }

  /** "tried 3 writes outside scratch space, 1 DNS lookup — all blocked", from the attempts. */
  static String tried(List<SandboxReport.Attempt> attempts) {
    List<String> parts = counts(attempts);
    String ran = otherPrograms(attempts);
    if (parts.isEmpty()) {
      boolean killed =
          attempts.stream().anyMatch(a -> a.kind().equals("memory") || a.kind().equals("time"));
      return "it tried nothing " + (killed ? "else " : "") + "the sandbox had to stop" + ran;
    }
    return "it tried " + String.join(", ", parts) + howItWent(attempts) + ran;
  }

  /** "3 writes outside scratch space" for each kind tried, in {@link #NOUNS}' order. */
  private static List<String> counts(List<SandboxReport.Attempt> attempts) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String[]> n : NOUNS.entrySet()) {
      List<SandboxReport.Attempt> of =
          attempts.stream().filter(a -> a.kind().equals(n.getKey())).toList();
      long count =
          n.getKey().equals("fork")
              ? of.stream().mapToLong(SandboxReport.Attempt::count).sum()
              : of.stream().map(a -> a.target()).distinct().count();
      if (count > 0) {
        parts.add(count + " " + n.getValue()[count == 1 ? 0 : 1]);
      }
    }
    return parts;
  }

  /** "; it ran 2 other programs", or nothing. */
  private static String otherPrograms(List<SandboxReport.Attempt> attempts) {
    long programs =
        attempts.stream()
            .filter(a -> a.kind().equals("exec") && a.result().equals("ran"))
            .map(SandboxReport.Attempt::target)
            .distinct()
            .count();
    return programs == 0
        ? ""
        : "; it ran " + programs + (programs == 1 ? " other program" : " other programs");
  }

  /** " — all blocked", " — 2 got through: a, b", or nothing when some were neither. */
  private static String howItWent(List<SandboxReport.Attempt> attempts) {
    List<String> through =
        attempts.stream()
            .filter(SandboxReport.Attempt::gotThrough)
            .map(a -> a.target())
            .distinct()
            .toList();
    boolean allBlocked =
        attempts.stream()
            .filter(a -> NOUNS.containsKey(a.kind()))
            .allMatch(SandboxReport.Attempt::blocked);
    return through.isEmpty()
        ? (allBlocked ? " — all blocked" : "")
        : " — "
            + through.size()
            + " got through: "
            + String.join(", ", through.subList(0, Math.min(3, through.size())))
            + (through.size() > 3 ? ", …" : "");
  }

  /**
   * Passes the script's output through live, but not the wrapper's file listing after the marker.
   */
  private static final class MarkerFilter implements OutputListener {
    private final OutputListener live;
    private final StringBuilder pending = new StringBuilder();
    private boolean past;

    MarkerFilter(OutputListener live) {
      this.live = live;
    }

    @Override
    public synchronized void stdout(String text) {
      if (past) {
        return;
      }
      pending.append(text);
      int nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        String line = pending.substring(0, nl + 1);
        pending.delete(0, nl + 1);
        if (line.strip().equals(MARKER)) {
          past = true;
          return;
        }
        live.stdout(line);
      }
      if (pending.length() > MARKER.length() + 2
          || !MARKER.startsWith(pending.toString().strip())) {
        live.stdout(pending.toString());
        pending.setLength(0);
      }
    }

    @Override
    public void stderr(String text) {
      live.stderr(text);
    }

    @Override
    public void memory(long usedBytes, Long limitBytes) {
      live.memory(usedBytes, limitBytes);
    }
  }
}
