package io.containercodes.lab.lesson;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.CheckKind;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.runline.RunLineParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What lint finds in a demo that loads fine but should not be handed to learners as it is: a line
 * (step or helper) that needs the learner's consent, a check that can never be met, a symlink that
 * leads out of the demo's directory. A lesson pack is code from someone else; this is the review it
 * gets before anyone runs it.
 */
final class ContentRisks {
  private final Guardrails guardrails;

  ContentRisks(Guardrails guardrails) {
    this.guardrails = guardrails;
  }

  List<Linter.Problem> of(Demo demo) {
    List<Linter.Problem> problems = new ArrayList<>();
    RunLineParser parser = new RunLineParser(demo.directory());
    for (Demo.Helper h : demo.helpers()) {
      consent(problems, demo, parser, h.run(), h.line(), "helper " + h.name());
    }
    for (Demo.Step s : demo.steps()) {
      consent(problems, demo, parser, s.run(), s.line(), "step");
      for (Check c : s.expect()) {
        for (String risk : c.risks()) {
          problems.add(
              new Linter.Problem(
                  demo.file(), s.line(), "its " + c.kind().key() + " check: " + risk));
        }
        if (c.kind() == CheckKind.CANARY_REACHED && !demo.hasCanary()) {
          problems.add(
              new Linter.Problem(
                  demo.file(),
                  s.line(),
                  "a canary-reached check, but the demo starts no "
                      + "helper named canary: the check could never see a request"));
        }
      }
    }
    return problems;
  }

  private void consent(
      List<Linter.Problem> problems,
      Demo demo,
      RunLineParser parser,
      String line,
      int at,
      String what) {
    RunSpec spec;
    try {
      spec = parser.parse(line).spec();
    } catch (InvalidInput e) {
      return; // the loader reported it
    }
    for (Guardrails.Violation v : guardrails.violations(spec)) {
      problems.add(
          new Linter.Problem(
              demo.file(),
              at,
              "this "
                  + what
                  + "'s line needs the learner's consent: "
                  + v.sentence()
                  + " (cclab run refuses it without --i-understand)"));
    }
  }

  /**
   * Symlinks under a demo directory that resolve outside it: `-v $(pwd)/data` must mean the demo's
   * data.
   */
  static List<Linter.Problem> symlinksLeaving(Path dir) {
    List<Linter.Problem> problems = new ArrayList<>();
    Path realDir;
    try {
      realDir = dir.toRealPath();
    } catch (IOException e) {
      return problems;
    }
    try (Stream<Path> s = Files.walk(dir, 4)) {
      s.filter(Files::isSymbolicLink)
          .forEach(
              link -> {
                try {
                  Path target = link.toRealPath();
                  if (!target.startsWith(realDir)) {
                    problems.add(
                        new Linter.Problem(
                            link,
                            0,
                            "a symlink that leads out of the demo's directory (to "
                                + target
                                + "): a mount of it would hand the container that place instead"));
                  }
                } catch (IOException e) {
                  problems.add(new Linter.Problem(link, 0, "a symlink to nothing"));
                }
              });
    } catch (IOException e) {
      // an unreadable demo directory is reported by the loader
    }
    return problems;
  }
}
