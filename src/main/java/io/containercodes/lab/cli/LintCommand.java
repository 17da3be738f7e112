package io.containercodes.lab.cli;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.Guardrails;
import io.containercodes.lab.lesson.LessonPack;
import io.containercodes.lab.lesson.Linter;
import io.containercodes.lab.render.SafeText;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "lint",
    description =
        "Check lessons and demos without running them; every problem is reported as file:line.",
    footer = {"", "Exit status 1 when a problem is found."})
final class LintCommand extends BaseCommand {
  @Parameters(
      arity = "0..1",
      paramLabel = "PATH",
      description = "The lab's directory (with lessons/ and demos/); default: this lab.")
  Path path;

  @Override
  protected int run() {
    LessonPack content =
        path == null
            ? LessonPack.locate(ctx().env())
            : new LessonPack(path.toAbsolutePath().normalize());
    if (path != null && !java.nio.file.Files.isDirectory(content.root().resolve("lessons"))) {
      throw new InvalidInput(path + " has no lessons/ directory.", "Give the lab's directory.");
    }
    List<Linter.Problem> problems = new Linter(Guardrails.forHost(ctx().env())).lint(content);
    // a problem quotes the content, which is someone else's text: shown, never obeyed
    problems.forEach(p -> ctx().out().println(SafeText.escape(p.toString())));
    int demos = content.demoDirs().size();
    int lessons = content.episodes().stream().mapToInt(e -> content.lessonFiles(e).size()).sum();
    ctx()
        .out()
        .println(
            problems.isEmpty()
                ? "Clean: " + lessons + " lesson(s), " + demos + " demo(s)."
                : problems.size()
                    + " problem(s) in "
                    + lessons
                    + " lesson(s) and "
                    + demos
                    + " demo(s).");
    return problems.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
  }
}
