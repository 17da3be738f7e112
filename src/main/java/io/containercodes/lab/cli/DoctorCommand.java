package io.containercodes.lab.cli;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.EngineMeasurement;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.EndpointDiscovery;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.EngineKind;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.FolderSight;
import io.containercodes.lab.engine.LimitSupport;
import io.containercodes.lab.engine.ProvedEngines;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.render.SafeText;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "doctor",
    description =
        "Check that this machine can run the lab: engine, isolation features, images. Every problem"
            + " comes with a fix.",
    // one paragraph per element: picocli wraps each to the help's width
    footer = {
      "",
      "--smoke, the room check before a workshop: also prepares the images and runs three short"
          + " demos, then prints one line to read from across the room: 'ready: Podman 4.3.1"
          + " rootless, images ok, 3/3 demos in 4.1 s', or 'NOT READY: the first problem — fix:"
          + " …'. With --json that result is one JSON object, to collect.",
      "Exit status: 0 ready, 1 a smoke demo failed, 3 when the lab cannot run here."
    })
final class DoctorCommand extends BaseCommand {
  @Option(
      names = "--smoke",
      description =
          "Also prepare the images and run three short demos (a room check; ~10 s once "
              + "the images exist).")
  boolean smoke;

  @Option(
      names = "--json",
      description = "With --smoke: print only the result, as one JSON object.")
  boolean json;

  /** The first problem found and its fix, for the one-line verdict. */
  private String problem;

  private String problemFix;
  private EngineFacts facts;

  @Override
  protected int run() {
    if (json && !smoke) {
      throw new io.containercodes.lab.InvalidInput(
          "--json is the room check's result: use it with --smoke.", "cclab doctor --smoke --json");
    }
    int status = checks(json ? new PrintWriter(java.io.Writer.nullWriter()) : ctx().out());
    if (!smoke) {
      return status;
    }
    Smoke result =
        problem != null
            ? Smoke.notReady(problem, problemFix, facts, status)
            : Smoke.run(ctx(), facts);
    if (json) {
      ctx().out().print(result.json(io.containercodes.lab.progress.HandIn.hostName(ctx().env())));
    } else {
      ctx().out().println();
      // the first problem may quote a demo's output: shown, never obeyed
      ctx().out().println(io.containercodes.lab.render.SafeText.escapeLine(result.line()));
    }
    ctx().out().flush();
    return result.exitCode();
  }

  private int checks(PrintWriter out) {
    HostFacts host = HostFacts.read();
    out.println("ContainerCodes Lab doctor");
    row(
        out,
        Mark.OK,
        "host",
        host.osPrettyName()
            + ", "
            + host.cgroups().description()
            + (host.systemdRunning() ? ", systemd" : ", no systemd")
            + (host.root() ? ", running as root" : ""));
    Engine engine;
    try {
      engine = ctx().engine();
    } catch (EnvironmentProblem e) {
      row(out, Mark.PROBLEM, "engine", e.getMessage().replace("\n", "\n" + " ".repeat(17)));
      fix(out, e.fix());
      firstProblem("no container engine: " + oneLine(e.getMessage()), e.fix());
      return ExitCode.ENVIRONMENT;
    }
    LabImages images = new LabImages(engine, ctx().env(), ctx()::notice);
    // what the engine enforces and sees is measured by the lab's probe, not taken from its word
    facts = EngineMeasurement.facts(engine, Admission.on(engine, images));
    int problems = 0;
    row(
        out,
        Mark.OK,
        "engine",
        facts.kind().displayName() + " " + facts.version() + ", API " + facts.apiVersion());
    proved(out, facts);
    row(out, Mark.OK, "endpoint", facts.endpoint().uri() + " (" + facts.endpoint().source() + ")");
    tried(out, engine.discovery());
    rootless(out, facts);
    row(
        out,
        facts.cgroupVersion() == null ? Mark.UNKNOWN : Mark.OK,
        "cgroups",
        (facts.cgroupVersion() == null ? "version unknown" : "v" + facts.cgroupVersion())
            + (facts.cgroupDriver() == null ? "" : ", driver " + facts.cgroupDriver())
            + (facts.defaultRuntime() == null ? "" : ", runtime " + facts.defaultRuntime())
            + (facts.cgroupControllers() == null
                ? ""
                : ", controllers for containers " + facts.cgroupControllers()));
    limits(out, facts);
    hostFiles(out, facts);
    folders(out, engine.folderSights());
    Fact seccomp = facts.seccomp();
    if (seccomp.isYes()) {
      row(out, Mark.OK, "seccomp", "available (the engine's default profile filters system calls)");
    } else if (seccomp.isUnknown()) {
      row(
          out,
          Mark.UNKNOWN,
          "seccomp",
          "unknown: " + seccomp.detail() + "; its lessons are skipped");
    } else {
      row(out, Mark.PROBLEM, "seccomp", "not available: the seccomp lessons cannot run");
      fix(out, "use a kernel built with CONFIG_SECCOMP_FILTER and an engine built with libseccomp");
      firstProblem(
          "seccomp is not available",
          "use a kernel built with CONFIG_SECCOMP_FILTER and an engine built with libseccomp");
      problems++;
    }
    optional(out, "AppArmor", facts.apparmor());
    optional(out, "SELinux", facts.selinux());
    if (facts.engineSocket() != null || facts.rootDir() != null) {
      row(
          out,
          Mark.NOTE,
          "engine side",
          (facts.engineSocket() == null ? "" : "socket " + facts.engineSocket())
              + (facts.engineSocket() != null && facts.rootDir() != null ? ", " : "")
              + (facts.rootDir() == null ? "" : "storage " + facts.rootDir())
              + " (paths on the engine's machine)");
    }
    // the sandbox reads what a script tried from its system calls; without strace it can only say
    // "not observed"
    java.util.Optional<java.nio.file.Path> strace =
        new io.containercodes.lab.host.Executables(ctx().env()).find("strace");
    if (strace.isPresent()) {
      row(
          out,
          Mark.OK,
          "tracer",
          "strace at " + strace.get() + ": sandbox run reports what a script tries");
    } else {
      row(
          out,
          Mark.NOTE,
          "tracer",
          "no strace on this machine: sandbox run traces with the cclab/tracer image, built on"
              + " the engine the first time");
      fix(
          out,
          host.packageInstallCommand("strace").orElse("install strace")
              + " (faster: no image to build)"
              + (host.root() && host.isDebianLike()
                  ? "   (or set CCLAB_INSTALL_ENGINE=1 and the lab installs it)"
                  : ""));
    }
    for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
      LabImages.Status status = images.status(entry);
      if (status.details() == null) {
        row(
            out,
            Mark.NOTE,
            "image",
            entry.name()
                + " not prepared yet (it is fetched or built the first time a demo needs it)");
        fix(out, "cclab images prepare   (pulls, or builds without a registry)");
      } else {
        row(
            out,
            Mark.OK,
            "image",
            entry.name()
                + " present ("
                + status.source()
                + ", "
                + Bytes.human(status.details().sizeBytes())
                + ")");
      }
    }
    out.println(
        problems == 0
            ? "The lab can run here."
            : problems + " problem(s): see the fix lines above.");
    return problems == 0 ? ExitCode.OK : ExitCode.ENVIRONMENT;
  }

  /**
   * A multi-line message (what was tried, one line each) as one line for the room check's verdict.
   */
  static String oneLine(String message) {
    java.util.List<String> lines =
        message
            .lines()
            .map(l -> l.strip().replaceFirst("^- ", ""))
            .filter(l -> !l.isEmpty())
            .toList();
    String joined = String.join(" ", lines);
    return joined.length() <= 160 || lines.size() < 2
        ? joined
        : lines.get(0) + " … " + lines.get(lines.size() - 1);
  }

  private void firstProblem(String what, String fix) {
    if (problem == null) {
      problem = what;
      problemFix = fix;
    }
  }

  /** Every place the lab looked for an engine, in order, with what each said. */
  private static void tried(PrintWriter out, java.util.List<EndpointDiscovery.Attempt> attempts) {
    String label = "looked at";
    for (EndpointDiscovery.Attempt a : attempts) {
      out.printf(
          "    %-12s %s%n", label, io.containercodes.lab.render.SafeText.escapeLine(a.toString()));
      label = "";
    }
  }

  /**
   * Whether the lab's CI proves the lessons on this engine's version (#31): where engines differ, a
   * lesson names the versions its sentence holds for, and only the proved ones were measured.
   */
  private static void proved(PrintWriter out, EngineFacts facts) {
    Optional<ProvedEngines.Proved> here = ProvedEngines.of(facts.kind(), facts.version());
    if (here.isPresent()) {
      row(
          out,
          Mark.OK,
          "proved on",
          here.get()
              + ": the lab's CI runs every demo with its proofs and measures the lessons'"
              + " engine-specific facts on this version");
      return;
    }
    row(
        out,
        Mark.NOTE,
        "proved on",
        "not this version: the lab's CI proves the lessons on "
            + String.join(", ", ProvedEngines.all().stream().map(Object::toString).toList())
            + ". The demos still check what they show here, but a lesson's sentence about"
            + " engine versions may not hold for "
            + facts.kind().displayName()
            + " "
            + facts.version()
            + ".");
  }

  private static void rootless(PrintWriter out, EngineFacts facts) {
    Fact r = facts.rootless();
    String source = " [" + r.source() + "]";
    if (r.isYes()) {
      row(
          out,
          Mark.OK,
          "rootless",
          "yes: root in a container is an unprivileged user on the host" + source);
    } else if (r.isNo()) {
      row(
          out,
          Mark.NOTE,
          "rootless",
          "no: the engine runs as root. Fine for the lab; for daily use, rootless "
              + (facts.kind() == EngineKind.PODMAN ? "Podman" : "Docker")
              + " adds a layer of defence"
              + source);
    } else {
      row(out, Mark.UNKNOWN, "rootless", "unknown: " + r.detail());
    }
  }

  /** Not a problem for the lab as a whole: the limit demos say "skipped", never "passed". */
  private static void limits(PrintWriter out, EngineFacts facts) {
    LimitSupport limits = LimitSupport.of(facts);
    String source = " [" + sourceOf(facts.fact(EngineFacts.Topic.MEMORY_LIMIT)) + "]";
    if (limits.limits().acts() && limits.cpu().acts()) {
      row(
          out,
          Mark.OK,
          "limits",
          "yes: --memory, --cpus and --pids-limit act on this engine" + source);
      return;
    }
    LimitSupport.Support worst = limits.limits().acts() ? limits.cpu() : limits.limits();
    boolean unknown = worst.answer() == Fact.Answer.UNKNOWN;
    String acting = limits.limits().acts() ? "--memory and --pids-limit act; --cpus: " : "";
    row(
        out,
        unknown ? Mark.UNKNOWN : Mark.NOTE,
        "limits",
        acting
            + (unknown ? "unknown: " : "no: ")
            + worst.reason()
            + "; the demos that need them are skipped"
            + source);
    fix(out, limits.fix());
  }

  /** Where a fact comes from, with what the probe saw when it was measured. */
  private static String sourceOf(Fact f) {
    return f.basis() == Fact.Basis.MEASURED
        ? "measured by " + f.source() + ": " + f.detail()
        : f.source().isEmpty() ? f.detail() : f.source();
  }

  /**
   * Whether a container's bind mount shows the lab's files: every demo that mounts some needs it.
   */
  private static void hostFiles(PrintWriter out, EngineFacts facts) {
    Fact f = facts.fact(EngineFacts.Topic.HOST_FILES);
    if (f.isYes()) {
      row(out, Mark.OK, "host files", "the engine sees the lab's files [" + sourceOf(f) + "]");
    } else if (f.isNo()) {
      row(
          out,
          Mark.NOTE,
          "host files",
          "no: "
              + f.detail()
              + "; the lab copies its own folders into the containers through the engine, and"
              + " refuses a line that mounts a folder of yours");
      fix(
          out,
          "to mount your own folders, run the lab on the engine's machine, or share this folder"
              + " with the engine's VM");
    } else {
      row(
          out,
          Mark.UNKNOWN,
          "host files",
          "unknown: " + f.detail() + "; the steps that mount files of this machine are skipped");
    }
  }

  /**
   * Each folder the lab binds from, seen or not (a VM may share the home folder and not a checkout
   * elsewhere), and what the lab does about one it does not see. Paths and details are this
   * machine's and the engine's words: escaped.
   */
  private static void folders(PrintWriter out, java.util.List<FolderSight> sights) {
    for (FolderSight s : sights) {
      Fact f = s.seen();
      String what = s.learners() ? " (your project folder)" : "";
      String does =
          f.isYes()
              ? "seen"
              : f.isNo()
                  ? "not seen: "
                      + (s.learners()
                          ? "a line that mounts it is refused"
                          : "copied into the containers through the engine")
                  : "unknown (" + f.detail() + "): mounted as written";
      out.printf(
          "    %-12s %s%n",
          "",
          SafeText.escapeLine(s.folder() + what + ": " + does)
              + (f.isNo() ? " [" + SafeText.escapeLine(f.detail()) + "]" : ""));
    }
  }

  private static void optional(PrintWriter out, String name, Fact fact) {
    if (fact.isYes()) {
      row(out, Mark.OK, name, "available");
    } else if (fact.isNo()) {
      row(out, Mark.NOTE, name, "not available on this engine: its lesson steps are skipped");
    } else {
      row(out, Mark.UNKNOWN, name, "unknown (" + fact.detail() + "): its lesson steps are skipped");
    }
  }

  private enum Mark {
    OK("✓"),
    NOTE("•"),
    UNKNOWN("?"),
    PROBLEM("✗");

    final String symbol;

    Mark(String symbol) {
      this.symbol = symbol;
    }
  }

  private static void row(PrintWriter out, Mark mark, String topic, String text) {
    out.printf("  %s %-12s %s%n", mark.symbol, topic, text);
  }

  private static void fix(PrintWriter out, String fix) {
    if (fix != null) {
      out.printf("    %-12s %s%n", "fix:", fix);
    }
  }
}
