package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.EngineMeasurement;
import io.containercodes.lab.admission.JudgedRun;
import io.containercodes.lab.admission.RunRequest;
import io.containercodes.lab.audit.Auditor;
import io.containercodes.lab.audit.HostView;
import io.containercodes.lab.audit.RunLineFile;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.Fact;
import io.containercodes.lab.engine.LimitSupport;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.runline.CommandLineTokenizer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What {@code audit} and {@code challenge} share: the line through the admission, the images and
 * the auditor. One per command run, so the engine, images and content are looked up once.
 */
final class AuditSetup {
  private final LabContext ctx;
  private final Admission admission;
  private LabImages images;
  private LessonPack content;
  private HostView host;

  AuditSetup(LabContext ctx) {
    this.ctx = ctx;
    this.admission = Admission.forHost(ctx.env(), ctx::engine, ctx::notice);
  }

  /**
   * The run line a command was given: after {@code --}, or read from {@code --line-from FILE} (then
   * {@code located} says where, for reports that point at it).
   */
  record Line(List<String> words, RunLineFile.Located located) {
    /**
     * @param missing what to say when there is no line at all, and how to give one
     */
    static Line of(List<String> words, Path lineFrom, Integer lineNumber, InvalidInput missing) {
      if (lineFrom != null) {
        if (!words.isEmpty()) {
          throw new InvalidInput("Give the run line after -- or with --line-from, not both.", null);
        }
        RunLineFile.Located located = RunLineFile.find(lineFrom, lineNumber);
        return new Line(List.of(located.text()), located);
      }
      if (words.isEmpty()) {
        throw missing;
      }
      if (lineNumber != null) {
        throw new InvalidInput("--line chooses a line of --line-from FILE.", null);
      }
      return new Line(words, null);
    }

    String text() {
      return lineText(words);
    }
  }

  /** The line as one string, whether the shell passed it as one argument or as words. */
  static String lineText(List<String> words) {
    return words.size() == 1 ? words.get(0) : CommandLineTokenizer.join(words);
  }

  /** The line judged on this host, as the audit runs it: refused, or what to say said. */
  JudgedRun judge(List<String> words, boolean consent) {
    JudgedRun judged =
        admission.judge(
            RunRequest.arguments(Origin.AUDIT, words)
                .pwd(Path.of("").toAbsolutePath())
                .consent(consent)
                .build());
    judged.notices().forEach(ctx::notice);
    return judged;
  }

  Admission admission() {
    return admission;
  }

  Auditor auditor() {
    Engine engine = ctx.engine();
    // the probe tools come from the lab's image, the same on every host (issue 29)
    Path busybox = images().labBusybox();
    Path probe = content().demosDir().resolve("_shared/probe.sh");
    return new Auditor(
        engine, admission, busybox, probe, ImageCatalog.BUSYBOX.name(), host(), Clock.systemUTC());
  }

  /** The engine facts the audit judges on, measured once per command run. */
  HostView host() {
    if (host == null) {
      host = hostView(ctx.engine());
    }
    return host;
  }

  LessonPack content() {
    if (content == null) {
      content = LessonPack.locate(ctx.env());
    }
    return content;
  }

  private LabImages images() {
    if (images == null) {
      images = new LabImages(ctx.engine(), ctx.env(), ctx::notice);
    }
    return images;
  }

  private HostView hostView(Engine engine) {
    EngineFacts facts = EngineMeasurement.facts(engine, admission);
    // the probe's kit (and the challenge's project) are mounted from this machine
    EngineMeasurement.requireHostFiles(facts, "The audit mounts its probe kit");
    LimitSupport limits = LimitSupport.of(facts);
    return new HostView(
        facts.kind().displayName(),
        facts.version(),
        facts.apparmor().isYes(),
        facts.selinux().isYes(),
        limits.limits().acts() ? null : limits.limits().reason(),
        limits.cpu().acts() ? null : limits.cpu().reason(),
        judgedOn(facts));
  }

  /** Every engine fact, as the lab established it: what the audit's verdicts were judged on. */
  static List<HostView.EngineFact> judgedOn(EngineFacts facts) {
    return java.util.Arrays.stream(EngineFacts.Topic.values())
        .map(
            t -> {
              Fact f = facts.fact(t);
              return new HostView.EngineFact(
                  t.label(),
                  f.word(),
                  f.basis().name().toLowerCase(java.util.Locale.ROOT),
                  f.detail() == null ? "" : f.detail());
            })
        .toList();
  }
}
