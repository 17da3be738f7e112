package io.containercodes.lab.cli;

import io.containercodes.lab.Timing;
import io.containercodes.lab.demo.RunLineParser;
import io.containercodes.lab.demo.SafetyCaps;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.images.LabImages;
import io.containercodes.lab.render.SafeText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "try",
    description = {
      "Run one podman run / docker run line through the lab, with guardrails, and summarise what"
          + " happened.",
      "Example: cclab try -- podman run --rm --memory 64m --memory-swap 64m cclab/busybox tail"
          + " /dev/zero"
    },
    footer = {
      "",
      "Exits with the container's exit status (137 = killed: out of memory or timed out)."
    })
final class TryCommand extends BaseCommand {
  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Kill the container after this long (default: 60, or the line's --timeout).")
  Integer timeoutSeconds;

  @Mixin ConsentOption consent;

  @Parameters(
      arity = "1..*",
      paramLabel = "LINE",
      description = "The run line, after --; one quoted argument or several words.")
  List<String> line;

  @Override
  protected int run() {
    Timing.mark("arguments parsed");
    RunLineParser parser = new RunLineParser(Path.of("").toAbsolutePath());
    // one argument is a whole line to split; several are words the user's shell already split
    RunLineParser.ParsedRun parsed =
        line.size() == 1 ? parser.parse(line.get(0)) : parser.parse(line);
    RunSpec spec = parsed.spec().toBuilder().consent(consent.given).build();
    // judged before the engine is even started; the engine judges again with its own socket in mind
    Guardrails.forHost(ctx().env())
        .admit(spec, "The lab will not run this line as it is:", ConsentOption.FIX)
        .forEach(ctx()::notice);
    parsed.notes().forEach(ctx()::notice);
    Timing.mark("run line parsed and judged");

    SafetyCaps.Applied capped = SafetyCaps.apply(spec);
    capped.notes().forEach(ctx()::notice);
    RunSpec.Builder b = capped.spec().toBuilder();
    if (timeoutSeconds != null) {
      b.timeout(
          Duration.ofSeconds(
              RunLineParser.timeoutSeconds("--timeout", String.valueOf(timeoutSeconds))));
    }

    Engine engine = ctx().engine();
    Timing.mark("engine connected");
    b.image(new LabImages(engine, ctx().env(), ctx()::notice).resolve(spec.image()));
    Timing.mark("image checked");
    Outcome outcome =
        engine.run(
            b.build(),
            new OutputListener() {
              @Override
              public void stdout(String text) {
                ctx().out().print(SafeText.escape(text));
                ctx().out().flush();
              }

              @Override
              public void stderr(String text) {
                ctx().err().print(SafeText.escape(text));
                ctx().err().flush();
              }
            });
    Timing.mark("container run");
    ctx().err().println(OutcomeSummary.format(outcome));
    return outcome.exitCode();
  }
}
