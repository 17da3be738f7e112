package io.containercodes.lab.cli;

import io.containercodes.lab.Timing;
import io.containercodes.lab.admission.Admission;
import io.containercodes.lab.admission.EngineMeasurement;
import io.containercodes.lab.admission.JudgedRun;
import io.containercodes.lab.admission.RunRequest;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.LimitSupport;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.render.SafeText;
import java.nio.file.Path;
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
    return run(ctx(), line, timeoutSeconds, consent.given);
  }

  /**
   * The arguments of the plain form {@code try [--i-understand] [--timeout N] -- WORD...}, each
   * option at most once and N plain digits, read without picocli; null for anything else (help, an
   * error, another spelling), which picocli's model of the command then parses and answers.
   * Building that model by reflection is a large part of a cold try's own work, and the run line is
   * what the command is for.
   */
  record Plain(List<String> line, Integer timeoutSeconds, boolean consent) {}

  static Plain plainForm(String[] args) {
    if (args.length < 3 || !args[0].equals("try")) {
      return null;
    }
    Integer timeout = null;
    boolean consent = false;
    int i = 1;
    for (; i < args.length && !args[i].equals("--"); i++) {
      String a = args[i];
      String value = null;
      if (a.equals("--i-understand") && !consent) {
        consent = true;
        continue;
      } else if (a.equals("--timeout") && i + 1 < args.length) {
        value = args[++i];
      } else if (a.startsWith("--timeout=")) {
        value = a.substring("--timeout=".length());
      }
      if (value == null || timeout != null || !value.matches("[0-9]{1,9}")) {
        return null;
      }
      timeout = Integer.valueOf(value);
    }
    if (i + 1 >= args.length) {
      return null; // no -- or nothing after it
    }
    return new Plain(List.of(args).subList(i + 1, args.length), timeout, consent);
  }

  static int run(LabContext ctx, Plain plain) {
    return run(ctx, plain.line(), plain.timeoutSeconds(), plain.consent());
  }

  private static int run(
      LabContext ctx, List<String> line, Integer timeoutSeconds, boolean consentGiven) {
    Timing.mark("arguments parsed");
    // judged before the engine is even started; completing the run judges it again against that
    // engine's own socket and resolves its image
    Admission admission = Admission.forHost(ctx.env(), ctx::engine, ctx::notice);
    RunRequest request =
        RunRequest.arguments(Origin.LEARNER_TRY, line)
            .pwd(Path.of("").toAbsolutePath())
            .consent(consentGiven)
            .commandTimeout(timeoutSeconds == null ? null : String.valueOf(timeoutSeconds))
            .build();
    JudgedRun judged = admission.judge(request);
    judged.notices().forEach(ctx::notice);
    AdmittedRun admitted = admission.complete(judged);
    // what only the engine's own rules had to say (consent relied on for its socket)
    admitted.notices().stream().skip(judged.notices().size()).forEach(ctx::notice);
    Engine engine = ctx.engine();
    // what the caps are worth on this engine is measured (once a session) before the run
    EngineMeasurement.facts(engine, admission);
    LimitSupport limits = engine.limits();
    judged.capsOn(limits).ifPresent(ctx::notice);
    Outcome outcome =
        engine.run(
            admitted,
            new OutputListener() {
              @Override
              public void stdout(String text) {
                ctx.out().print(SafeText.escape(text));
                ctx.out().flush();
              }

              @Override
              public void stderr(String text) {
                ctx.err().print(SafeText.escape(text));
                ctx.err().flush();
              }
            });
    Timing.mark("container run");
    OutcomeSummary.lines(outcome, limits, ctx.replWidth()).forEach(ctx.err()::println);
    return outcome.exitCode();
  }
}
