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
    problems = new Linter().lint(new Content(root)).stream()
        .map(p -> p.toString().replace(root + "/", "")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
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
      "lessons/000-broken/02-practice-without-demo.md:2|a practice section (practice: true) places no demo",
      "lessons/000-broken/03-no-front-matter.md:1|starts with front matter",
      "lessons/000-broken/04-bad-front-matter.md:4|unknown key 'colour' in the front matter",
      "lessons/000-broken/Bad_Name.md|a lesson file is named NN-slug.md"})
  void eachErrorIsReportedWithFileAndLine(String location, String message) {
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(location + ": ") && p.contains(message)),
        "expected " + location + ": …" + message + "… in\n" + String.join("\n", problems));
  }

  @Test
  void theGoodFilesHaveNoProblemsAndNothingElseIsReported() {
    assertTrue(problems.stream().noneMatch(p -> p.startsWith("demos/good/")), String.join("\n", problems));
    assertEquals(15, problems.size(), String.join("\n", problems));
  }

  @Test
  void theLabsOwnContentIsClean() {
    List<Linter.Problem> own = new Linter().lint(new Content(Path.of("").toAbsolutePath()));
    assertEquals(List.of(), own);
  }
}
