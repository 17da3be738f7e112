package io.containercodes.lab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One broken fixture per kind of error; each must be reported at its file and line. */
class LinterTest {
  private static List<String> problems;

  @BeforeAll
  static void lint() {
    Path root = Path.of("src/test/resources/lint-fixtures").toAbsolutePath();
    problems =
        new Linter()
            .lint(new LessonPack(root)).stream()
                .map(p -> p.toString().replace(root + "/", ""))
                .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "demos/bad-yaml/demo.yaml:6|not valid YAML",
        "demos/unknown-key/demo.yaml:4|unknown key 'colour' in a demo",
        "demos/unknown-check/demo.yaml:7|unknown check type 'smells-nice'",
        "demos/unknown-flag/demo.yaml:4|Unknown flag --frobnicate",
        "demos/missing-asset/demo.yaml:4|script.py: no such file",
        "demos/wrong-id/demo.yaml:1|id 'good' must match the directory name 'wrong-id'",
        "demos/no-expect/demo.yaml:1|a step needs 'expect'",
        "demos/undeclared-network/demo.yaml:4|--network somewhere is not declared",
        "demos/bad-without/demo.yaml:7|'--memory' appears in no step's run line",
        "demos/orphan/demo.yaml|orphan demo: no lesson places it",
        "lessons/000-broken/01-good.md:40|unknown demo 'does-not-exist'",
        "lessons/000-broken/02-practice-without-demo.md:2|a practice section (practice: true)"
            + " places no demo",
        "lessons/000-broken/03-no-front-matter.md:1|starts with front matter",
        "lessons/000-broken/04-bad-front-matter.md:4|unknown key 'colour' in the front matter",
        "lessons/000-broken/Bad_Name.md|a lesson file is named NN-slug.md",
        // every problem of a file in one run, not the first only (#12.13)
        "demos/many-errors/demo.yaml:2|'title' is empty",
        "demos/many-errors/demo.yaml:4|unknown key 'colour'",
        "demos/many-errors/demo.yaml:5|Unknown flag --frobnicate",
        "demos/many-errors/demo.yaml:8|hints must be a list",
        "demos/many-errors/demo.yaml:9|unknown key 'shade'",
        "demos/needs-consent/demo.yaml:6|helper setup's line needs the learner's consent:"
            + " --privileged",
        "demos/needs-consent/demo.yaml:6|helper setup's line needs the learner's consent: -v /",
        "demos/needs-consent/demo.yaml:7|step's line needs the learner's consent: --cap-add ALL",
        "demos/canary-without-helper/demo.yaml:4|starts no helper named canary",
        "demos/catastrophic-regex/demo.yaml:4|its stdout-matches check: nested repetition",
        "lessons/000-broken/05-empty-title.md:2|'title' is empty",
        "lessons/000-broken/05-empty-title.md:4|minutes is how long",
        "lessons/000-broken/05-empty-title.md:5|unknown key 'colour'",
        "lessons/000-broken/05-empty-title.md:20|demo 'good' is placed twice (first at"
            + " 01-good.md:10)",
        "lessons/000-broken/06-junk.md:7|is not UTF-8 text",
        "lessons/000-broken/07-quiz.md:8|a question needs its right answer, marked '+'",
        "lessons/000-broken/07-quiz.md:13|a question has one right answer, not 2",
        "lessons/000-broken/07-quiz.md:18|a question needs '> why'",
        "demos/bad-scratch/demo.yaml:5|scratch: 'missing.txt': no such file",
        "demos/bad-scratch/demo.yaml:6|scratch: '../good' leaves the demo's directory",
        "demos/bad-scratch/demo.yaml:7|scratch: '/etc/passwd' must be a path relative",
        "demos/bad-scratch/demo.yaml:9|holds the scratch asset data: the run would refuse it",
        // an exercise's answer, before an attempt (#25.10)
        "demos/leaky-exercise/demo.yaml:14|the prediction names --memory, a flag the exercise asks",
        "demos/leaky-exercise/demo.yaml:11|hint 1 of 2 gives the whole answer away (--memory 100m"
            + " --memory-swap=100m)",
        // a protection shown only by the workload's words (#22); --network's check is the engine's
        "demos/workload-only/demo.yaml:7|the stdout-contains check stands for --cap-drop but rests"
            + " on the workload's own output",
        // every exercise lists a faked output, a partial protection and a safety cap (#22)
        "demos/workload-only/demo.yaml:5|none has kind: faked-output, partial, safety-cap",
        // a wrong answer is a flag got wrong around the exercise's workload (#22)
        "demos/wrong-workload/demo.yaml:11|a wrong answer keeps the exercise's workload and gets a"
            + " flag wrong; a learner's line like this one is refused: Your line runs sh -c 'echo"
            + " no network' instead of the exercise's command, sh -c 'ip addr'."
      })
  void eachErrorIsReportedWithFileAndLine(String location, String message) {
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith(location + ": ") && p.contains(message)),
        "expected " + location + ": …" + message + "… in\n" + String.join("\n", problems));
  }

  @Test
  void theGoodFilesHaveNoProblemsAndNothingElseIsReported() {
    assertTrue(
        problems.stream().noneMatch(p -> p.startsWith("demos/good/")), String.join("\n", problems));
    // leaky-exercise (#25.10) also lacks adversarial answers and judges on its output (#22): 2 more
    assertEquals(45, problems.size(), String.join("\n", problems));
  }

  @Test
  void aSymlinkOutOfADemoDirectoryIsReported(@org.junit.jupiter.api.io.TempDir Path root)
      throws Exception {
    Path demo = java.nio.file.Files.createDirectories(root.resolve("demos/good"));
    java.nio.file.Files.copy(
        Path.of("src/test/resources/lint-fixtures/demos/good/demo.yaml"),
        demo.resolve("demo.yaml"));
    java.nio.file.Files.createSymbolicLink(demo.resolve("data"), Path.of("/"));
    Path lessons = java.nio.file.Files.createDirectories(root.resolve("lessons/000-x"));
    java.nio.file.Files.writeString(
        lessons.resolve("01-a.md"),
        "---\ntitle: A\nsection: \"1\"\nminutes: 1\n---\n\n```demo good\n```\n");
    List<Linter.Problem> found = new Linter().lint(new LessonPack(root));
    assertEquals(1, found.size(), found.toString());
    assertTrue(
        found.get(0).message().contains("leads out of the demo's directory (to /)"),
        found.toString());
  }

  @Test
  void aScratchAssetReachedThroughASymlinkIsReported(@org.junit.jupiter.api.io.TempDir Path root)
      throws Exception {
    Path demo = java.nio.file.Files.createDirectories(root.resolve("demos/good"));
    Path real = java.nio.file.Files.createDirectories(demo.resolve("real"));
    java.nio.file.Files.writeString(real.resolve("secret"), "s");
    java.nio.file.Files.createSymbolicLink(demo.resolve("link"), Path.of("real"));
    java.nio.file.Files.createSymbolicLink(real.resolve("inner"), Path.of("secret"));
    java.nio.file.Files.writeString(
        demo.resolve("demo.yaml"),
        """
        id: good
        title: A
        proves: p
        scratch: [link/secret, real]
        run: podman run --rm cclab/busybox echo hi
        expect:
          - stdout-contains: hi
        """);
    Path lessons = java.nio.file.Files.createDirectories(root.resolve("lessons/000-x"));
    java.nio.file.Files.writeString(
        lessons.resolve("01-a.md"),
        "---\ntitle: A\nsection: \"1\"\nminutes: 1\n---\n\n```demo good\n```\n");
    List<String> found =
        new Linter().lint(new LessonPack(root)).stream().map(Linter.Problem::message).toList();
    assertTrue(
        found.stream().anyMatch(m -> m.contains("'link/secret' goes through the symlink link")),
        found.toString());
    assertTrue(
        found.stream().anyMatch(m -> m.contains("'real' holds the symlink real/inner")),
        found.toString());
  }

  /**
   * An exercise has one step, or one per engine (#26: the seccomp exercise's right profile is the
   * engine's own default); two steps for the same engine would run the learner's line twice.
   */
  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource({"podman, docker, true", "podman, podman, false", "podman, seccomp, false"})
  void anExerciseMayHaveOneStepPerEngine(
      String first, String second, boolean clean, @org.junit.jupiter.api.io.TempDir Path root)
      throws Exception {
    Path demo = java.nio.file.Files.createDirectories(root.resolve("demos/ex"));
    java.nio.file.Files.writeString(
        demo.resolve("demo.yaml"),
        """
        id: ex
        title: A
        proves: p
        exercise: Write a line.
        steps:
          - title: one
            run: podman run --rm cclab/busybox echo hi
            expect:
              - requires: %s
              - stdout-contains: hi
          - title: two
            run: podman run --rm cclab/busybox echo hi
            expect:
              - requires: %s
              - stdout-contains: hi
        """
            .formatted(first, second));
    Path lessons = java.nio.file.Files.createDirectories(root.resolve("lessons/000-x"));
    java.nio.file.Files.writeString(
        lessons.resolve("01-a.md"),
        "---\ntitle: A\nsection: \"1\"\nminutes: 1\n---\n\n```demo ex\n```\n");
    List<String> found =
        new Linter().lint(new LessonPack(root)).stream().map(Linter.Problem::message).toList();
    assertEquals(
        clean,
        found.stream().noneMatch(m -> m.contains("an exercise has exactly one step")),
        found.toString());
  }

  @Test
  void theLabsOwnContentIsClean() {
    List<Linter.Problem> own = new Linter().lint(new LessonPack(Path.of("").toAbsolutePath()));
    assertEquals(List.of(), own);
  }
}
