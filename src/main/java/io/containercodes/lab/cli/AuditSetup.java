package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.audit.Auditor;
import io.containercodes.lab.audit.HostView;
import io.containercodes.lab.demo.Guardrails;
import io.containercodes.lab.demo.RunLineParser;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineInfo;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.lesson.Content;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** What {@code audit} and {@code challenge} share: reading the line, the consent rule, the auditor. */
final class AuditSetup {
  private AuditSetup() {}

  /** The line as one string, whether the shell passed it as one argument or as words. */
  static String lineText(List<String> words) {
    return words.size() == 1 ? words.get(0) : io.containercodes.lab.demo.CommandLineTokenizer.join(words);
  }

  static RunSpec parse(LabContext ctx, List<String> words, boolean iUnderstand) {
    RunLineParser parser = new RunLineParser(Path.of("").toAbsolutePath());
    RunLineParser.ParsedRun parsed = words.size() == 1 ? parser.parse(words.get(0)) : parser.parse(words);
    List<String> violations = Guardrails.violations(parsed.spec());
    if (!violations.isEmpty() && !iUnderstand) {
      throw new InvalidInput("The audit starts the container as configured, and this line hands it the host:\n  - "
          + String.join("\n  - ", violations),
          "The probe only looks, but the container still gets what the line gives it. To audit it anyway, add "
              + "--i-understand before --.");
    }
    parsed.notes().forEach(ctx::notice);
    return parsed.spec();
  }

  static Auditor auditor(LabContext ctx) {
    Engine engine = ctx.engine();
    LabImages images = new LabImages(engine, ctx.env(), ctx::notice);
    Path busybox = images.hostBusybox("the audit lends the container the host's static busybox");
    Path probe = Content.locate(ctx.env()).demosDir().resolve("_shared/probe.sh");
    return new Auditor(engine, busybox, probe, images.resolve(ImageCatalog.BUSYBOX.name()), hostView(engine),
        Clock.systemUTC());
  }

  static String resolveImage(LabContext ctx, String image) {
    return new LabImages(ctx.engine(), ctx.env(), ctx::notice).resolve(image);
  }

  private static HostView hostView(Engine engine) {
    EngineInfo info = engine.info();
    return new HostView(info.kind().displayName(), info.version(), info.apparmor(), info.selinux());
  }
}
