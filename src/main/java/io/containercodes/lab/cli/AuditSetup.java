package io.containercodes.lab.cli;

import io.containercodes.lab.audit.Auditor;
import io.containercodes.lab.audit.HostView;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineFacts;
import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.runline.RunLineParser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What {@code audit} and {@code challenge} share: reading the line, the consent rule, the images
 * and the auditor. One per command run, so the engine, images and content are looked up once.
 */
final class AuditSetup {
  private final LabContext ctx;
  private LabImages images;
  private LessonPack content;

  AuditSetup(LabContext ctx) {
    this.ctx = ctx;
  }

  /** The line as one string, whether the shell passed it as one argument or as words. */
  static String lineText(List<String> words) {
    return words.size() == 1
        ? words.get(0)
        : io.containercodes.lab.runline.CommandLineTokenizer.join(words);
  }

  RunSpec parse(List<String> words, boolean consent) {
    RunLineParser parser = new RunLineParser(Path.of("").toAbsolutePath());
    RunLineParser.ParsedRun parsed =
        words.size() == 1 ? parser.parse(words.get(0)) : parser.parse(words);
    RunSpec spec = parsed.spec().toBuilder().consent(consent).build();
    Guardrails.forHost(ctx.env())
        .admit(
            spec,
            "The audit starts the container as configured, and this line hands it the host:",
            "The probe only looks, but the container still gets what the line gives it. To audit it"
                + " anyway, add --i-understand before --.")
        .forEach(ctx::notice);
    parsed.notes().forEach(ctx::notice);
    return spec;
  }

  /**
   * The spec with its image resolved to what the engine runs (a lab image is prepared if missing).
   */
  RunSpec withResolvedImage(RunSpec spec) {
    return spec.toBuilder().image(images().resolve(spec.image())).build();
  }

  Auditor auditor() {
    Engine engine = ctx.engine();
    Path busybox = images().hostBusybox("the audit lends the container the host's static busybox");
    Path probe = content().demosDir().resolve("_shared/probe.sh");
    return new Auditor(
        engine,
        busybox,
        probe,
        images().resolve(ImageCatalog.BUSYBOX.name()),
        hostView(engine),
        Clock.systemUTC());
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

  private static HostView hostView(Engine engine) {
    EngineFacts facts = engine.facts();
    return new HostView(
        facts.kind().displayName(),
        facts.version(),
        facts.apparmor().isYes(),
        facts.selinux().isYes());
  }
}
