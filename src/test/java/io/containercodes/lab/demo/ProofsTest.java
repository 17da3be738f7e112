package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.check.Check;
import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.check.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each protective flag proved on its own: which checks stand for which flags, and what a proof run
 * must show.
 */
class ProofsTest {
  @TempDir Path dir;

  private Demo load(String yaml, List<ContentError> problems) throws Exception {
    Path d = Files.createDirectories(dir.resolve("d"));
    Files.writeString(d.resolve("demo.yaml"), yaml);
    return new DemoLoader().load(d, problems::add);
  }

  private static final String DEMO =
      """
      id: d
      title: T
      proves: P.
      exercise: Write it.
      run: podman run --rm --network none --read-only --user lab cclab/python python3 /app/x.py
      expect:
        - stdout-contains: done
        - canary-reached: false
          by: --network
          if-failed: "the canary saw a request from your container: your line still gives it a network"
        - fs-unchanged: true
          by: [--read-only, --user]
        - stdout-contains: "uid=1000"
          by: --user
      without: [--network, --read-only, --user]
      wrong:
        - line: podman run --rm --network bridge --read-only --user lab cclab/python python3 /app/x.py
          because: a bridge network is still a network
          kind: partial
        - line: podman run --rm --network none cclab/python sh -c 'echo done uid=1000'
          because: printing the words is not running the program
          kind: faked-output
        - line: podman run --rm cclab/python python3 /app/x.py
          because: the lab's caps are not the line's
          kind: safety-cap
      """;

  @Test
  void proofsAreTheFlagGroupsChecksStandFor() throws Exception {
    List<ContentError> problems = new ArrayList<>();
    Demo demo = load(DEMO, problems);
    assertEquals(List.of(), problems);
    assertEquals(
        List.of(List.of("--network"), List.of("--read-only", "--user"), List.of("--user")),
        demo.proofs());
    assertEquals(3, demo.wrongAnswers().size());
    assertEquals("a bridge network is still a network", demo.wrongAnswers().get(0).because());
  }

  @Test
  void aProofPassesOnlyWhenEveryCheckForExactlyTheRemovedFlagsFails() throws Exception {
    Demo demo = load(DEMO, new ArrayList<>());
    List<Check> checks = demo.steps().get(0).expect();
    DemoResult.Variant withoutUser = DemoResult.Variant.without(List.of("--user"));
    assertTrue(
        result(demo, withoutUser, checks, Status.PASS, Status.PASS, Status.PASS, Status.FAIL)
            .passed());
    assertFalse(
        result(demo, withoutUser, checks, Status.PASS, Status.PASS, Status.FAIL, Status.PASS)
            .passed(),
        "a failure of another flag's check proves nothing about --user");
    DemoResult.Variant group = DemoResult.Variant.without(List.of("--user", "--read-only"));
    assertTrue(
        result(demo, group, checks, Status.PASS, Status.PASS, Status.FAIL, Status.PASS).passed());
    assertTrue(
        result(
                demo,
                DemoResult.Variant.AS_WRITTEN,
                checks,
                Status.PASS,
                Status.PASS,
                Status.PASS,
                Status.PASS)
            .passed());
    assertTrue(
        result(
                demo,
                DemoResult.Variant.wrong("x"),
                checks,
                Status.PASS,
                Status.FAIL,
                Status.PASS,
                Status.PASS)
            .passed(),
        "a wrong answer must fail some check");
  }

  @Test
  void aFailedCheckTellsTheLearnerWhatIsMissing() throws Exception {
    Demo demo = load(DEMO, new ArrayList<>());
    CheckResult r =
        demo.steps()
            .get(0)
            .expect()
            .get(1)
            .evaluate(
                new io.containercodes.lab.check.Evidence(
                    null, 1, java.util.Map.of(), java.util.Set.of(), java.util.Set.of()));
    assertEquals(Status.FAIL, r.status());
    assertTrue(
        r.sentence()
            .endsWith(
                "— the canary saw a request from your container: your line still gives it a"
                    + " network"),
        r.sentence());
  }

  @Test
  void aFlagNoCheckStandsForAndAByFlagNotInTheLineAreProblems() throws Exception {
    List<ContentError> problems = new ArrayList<>();
    load(DEMO.replace("by: --user\n", "by: --cap-drop\n"), problems);
    List<String> messages = problems.stream().map(ContentError::detail).toList();
    assertTrue(
        messages.stream()
            .anyMatch(
                m -> m.contains("'by: --cap-drop', but --cap-drop is not in this step's line")),
        messages.toString());
    problems.clear();
    load(
        DEMO.replace("  - stdout-contains: \"uid=1000\"\n    by: --user\n", "")
            .replace("by: [--read-only, --user]", "by: --read-only"),
        problems);
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.detail().contains("--user protects nothing this demo checks")),
        problems.toString());
  }

  private static DemoResult result(
      Demo demo, DemoResult.Variant v, List<Check> checks, Status... statuses) {
    List<CheckResult> results = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      results.add(new CheckResult(checks.get(i), statuses[i], "s"));
    }
    return new DemoResult(
        demo,
        v,
        List.of(new DemoResult.StepResult(demo.steps().get(0), null, results)),
        Duration.ZERO,
        null);
  }

  /**
   * A refusal proves a faked output, which may run something else than the workload; any other
   * wrong answer must run and fail a check, so a refused one proves nothing (#22).
   */
  @Test
  void aRefusedWrongAnswerProvesOnlyAFakedOutput() throws Exception {
    List<ContentError> problems = new ArrayList<>();
    Demo demo = load(DEMO, problems);
    assertEquals(List.of(), problems);
    DemoResult faked =
        DemoResult.refused(
            demo, DemoResult.Variant.wrong(demo.wrongAnswers().get(1).line()), "Keep it.");
    assertTrue(faked.passed());
    assertFalse(faked.allSkipped());
    assertTrue(DemoPrinter.proofVerdict(faked).startsWith("the wrong answer is refused"));
    DemoResult partial =
        DemoResult.refused(
            demo, DemoResult.Variant.wrong(demo.wrongAnswers().get(0).line()), "Refused.");
    assertFalse(partial.passed());
    assertTrue(DemoPrinter.proofVerdict(partial).contains("no check was shown to catch it"));
    assertFalse(DemoResult.refused(demo, DemoResult.Variant.AS_WRITTEN, "Refused.").passed());
  }
}
