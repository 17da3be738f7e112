package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.demo.Answer;
import io.containercodes.lab.demo.JudgedOn;
import io.containercodes.lab.demo.Verdict;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.LessonPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export carries each exercise line with its verdict and engine facts; {@code report --rejudge}
 * compares that claim with the verdict the line gets again (a fake judge here: the IT judges on a
 * real engine), and an older export is read with what it lacks said.
 */
class RejudgeTest {
  private static final String EXERCISE = "ai-code-exercise";
  private static final JudgedOn LEARNERS = new JudgedOn("Podman", "5.4.0", "yes", "yes");
  private static final JudgedOn HERE = new JudgedOn("Podman", "4.3.1", "no", "yes");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Episode episode =
      new LessonPack(Path.of("").toAbsolutePath()).episode(LessonPack.DEFAULT_EPISODE);
  private final List<String> judgedLines = new ArrayList<>();

  private static Answer answer(Verdict v, String line, String reason) {
    return new Answer(v, line, reason, null, null, v == Verdict.REFUSED ? null : HERE);
  }

  /** Passes only the line "good", refuses "evil", fails the rest. */
  private Rejudge rejudge() {
    return new Rejudge(
        episode,
        (demo, line) -> {
          judgedLines.add(line);
          return switch (line) {
            case "good" -> answer(Verdict.PASSED, line, "");
            case "evil" -> answer(Verdict.REFUSED, line, "--privileged is refused.");
            default -> answer(Verdict.FAILED, line, "the workload reached the network");
          };
        });
  }

  private ObjectNode export(String learner, String line, String verdict) {
    Progress p = new Progress();
    p.recordRun(EXERCISE, "passed".equals(verdict), verdict);
    p.recordLine(EXERCISE, line, List.of(), verdict, LEARNERS);
    return ProgressExport.of(learner, episode, p);
  }

  private static void write(Path dir, String name, ObjectNode export) throws Exception {
    Files.writeString(dir.resolve(name), ProgressExport.json(export));
  }

  @Test
  void theExportCarriesEachLineWithItsVerdictAndTheEngineItWasJudgedOn() throws Exception {
    Progress p = new Progress();
    p.recordLine(EXERCISE, "bad", List.of("no-network"), "failed", LEARNERS);
    p.recordLine(EXERCISE, "good", List.of(), "passed", LEARNERS);
    ObjectNode export = ProgressExport.of("Ann", episode, p);
    ExportLines.Lines lines =
        ExportLines.of(episode, new ExportCheck(episode).row("", export), export);
    assertEquals(
        List.of(
            new ExportLines.Submitted(EXERCISE, 1, "bad", "failed", LEARNERS),
            new ExportLines.Submitted(EXERCISE, 2, "good", "passed", LEARNERS)),
        lines.lines());
    assertEquals(List.of(), lines.lacking());
  }

  @Test
  void theVerdictAndFactsSurviveTheProgressFile(@TempDir Path dir) {
    ProgressStore store = new ProgressStore(dir.resolve("progress.json"), m -> {});
    Progress p = new Progress();
    p.recordLine(EXERCISE, "good", List.of(), "passed", LEARNERS);
    store.save(p);
    Progress.Attempt a = store.load().demos().get(EXERCISE).lines().get(0);
    assertEquals("passed", a.verdict());
    assertEquals(LEARNERS, a.judgedOn());
  }

  @Test
  void anOlderExportIsReadAndSaysWhatItLacks(@TempDir Path dir) throws Exception {
    ObjectNode old = export("Old", "good", "passed");
    ObjectNode demo = (ObjectNode) old.path("demos").path(EXERCISE);
    demo.remove(ProgressExport.LINES);
    write(dir, "old.json", old);
    Rejudge.Result r = rejudge().read(dir);
    assertEquals(List.of(), r.skipped());
    assertEquals(List.of(), r.rows());
    assertEquals(1, r.lacking().size());
    assertTrue(r.lacking().get(0).contains("none carried"), r.lacking().toString());
    assertEquals(1, new ClassReport(episode).read(dir).rows().size(), "the class report too");
  }

  @Test
  void anOlderLineWithoutAVerdictSaysFailedOnlyWhenItsRecordShowsIt() {
    Progress p = new Progress();
    p.recordLine(EXERCISE, "bad", List.of("no-network"));
    p.recordLine(EXERCISE, "good", List.of());
    assertEquals("failed", p.demos().get(EXERCISE).lines().get(0).verdict());
    assertNull(p.demos().get(EXERCISE).lines().get(1).verdict(), "passed or skipped: unknown");
    p.recordLine(EXERCISE, "unjudged", List.of(), "skipped", LEARNERS);
    assertFalse(p.demos().get(EXERCISE).lines().get(2).passed(), "skipped is never passed");
  }

  @Test
  void anEditedExportClaimingAPassIsCaughtAndAnHonestOneAgrees(@TempDir Path dir) throws Exception {
    write(dir, "cheat.json", export("Cheat", "podman run --rm cclab/python", "passed"));
    write(dir, "honest.json", export("Honest", "good", "passed"));
    Rejudge.Result r = rejudge().read(dir);
    assertEquals(2, r.rows().size());
    Rejudge.Row cheat = r.rows().get(0);
    assertEquals("Cheat", cheat.learner());
    assertEquals(Rejudge.Kind.DIFFERS, cheat.finding().kind());
    assertEquals("failed", cheat.finding().rejudged());
    assertEquals(Rejudge.Kind.AGREES, r.rows().get(1).finding().kind());
    assertTrue(r.anyDisagrees());
    assertEquals(HERE, r.here());
    String text = RejudgeTable.text(r);
    assertTrue(text.contains("DIFFERS"), text);
    assertTrue(text.contains("1 disagree"), text);
  }

  @Test
  void theSameLineIsJudgedOncePerRun(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 5; i++) {
      write(dir, "l" + i + ".json", export("L" + i, "good", "passed"));
    }
    Rejudge.Result r = rejudge().read(dir);
    assertEquals(5, r.rows().size());
    assertEquals(List.of("good"), judgedLines);
    assertFalse(r.anyDisagrees());
  }

  @Test
  void comparisons() {
    assertEquals(
        Rejudge.Kind.AGREES, Rejudge.compare("failed", answer(Verdict.FAILED, "l", "x")).kind());
    Rejudge.Finding refused = Rejudge.compare("passed", answer(Verdict.REFUSED, "l", "no."));
    assertEquals(Rejudge.Kind.REFUSED, refused.kind());
    assertEquals("refused, never run: no.", refused.detail());
    assertTrue(refused.disagrees(), "a pass claimed for a line the lab refuses is not earned");
    Rejudge.Finding skipped =
        Rejudge.compare("passed", answer(Verdict.SKIPPED, "l", "--memory does not act here"));
    assertEquals(Rejudge.Kind.NOT_HERE, skipped.kind());
    assertEquals("could not re-judge here: --memory does not act here", skipped.detail());
    assertFalse(skipped.disagrees(), "an engine that cannot show a check is no disagreement");
    Rejudge.Finding failedClaim = Rejudge.compare("failed", answer(Verdict.PASSED, "l", ""));
    assertEquals(Rejudge.Kind.DIFFERS, failedClaim.kind());
    assertTrue(failedClaim.disagrees());
    Rejudge.Finding none = Rejudge.compare(null, answer(Verdict.PASSED, "l", ""));
    assertEquals(Rejudge.Kind.NO_CLAIM, none.kind());
    assertFalse(none.disagrees());
    assertFalse(Rejudge.compare("skipped", answer(Verdict.FAILED, "l", "x")).disagrees());
  }

  @Test
  void aMalformedLineListSkipsTheExportWithItsReason(@TempDir Path dir) throws Exception {
    ObjectNode bad = export("Bad", "good", "passed");
    ArrayNode lines = (ArrayNode) bad.path("demos").path(EXERCISE).path(ProgressExport.LINES);
    ((ObjectNode) lines.get(0)).put("verdict", "PASSED!!");
    write(dir, "bad.json", bad);
    ObjectNode notText = export("NotText", "good", "passed");
    ((ObjectNode) notText.path("demos").path(EXERCISE).path(ProgressExport.LINES).get(0))
        .put("line", 42);
    write(dir, "nottext.json", notText);
    Rejudge.Result r = rejudge().read(dir);
    assertEquals(List.of(), r.rows());
    assertEquals(2, r.skipped().size(), r.skipped().toString());
    // the export check rejects them before the re-judge reads a line (progress.ExportedLines)
    assertTrue(
        r.skipped().get(0).contains("verdict is not passed, failed, refused or skipped"),
        r.skipped().toString());
    assertTrue(r.skipped().get(1).contains("is not text"), r.skipped().toString());
    assertTrue(judgedLines.isEmpty(), "nothing of a rejected export runs");
  }

  @Test
  void theChallengeLineTravelsWithItsScoreAndIsNotedNotRun(@TempDir Path dir) throws Exception {
    Progress p = new Progress();
    p.recordRun(ClassReport.CHALLENGE, true, "passed the community challenge");
    p.recordChallengeLine(
        "podman run --rm -v $(pwd):/workspace cclab/python", true, 86, 85, LEARNERS);
    ObjectNode export = ProgressExport.of("Ann", episode, p);
    var line = export.path("demos").path(ClassReport.CHALLENGE).path(ProgressExport.LINES).get(0);
    assertEquals(86, line.path("score").asInt());
    assertEquals("passed", line.path("verdict").asText());
    assertEquals("yes", line.path("judgedOn").path("rootless").asText());
    write(dir, "ann.json", export);
    Rejudge.Result r = rejudge().read(dir);
    assertEquals(List.of(), r.skipped());
    assertEquals(List.of(), r.rows());
    assertTrue(r.lacking().get(0).contains("the challenge: 1 line(s)"), r.lacking().toString());
    ClassReport.Result c = new ClassReport(episode).read(dir);
    assertEquals(List.of(), c.skipped());
    assertTrue(c.rows().get(0).challengePassed());
  }

  private static ExportLines.Submitted challenge(String claimed, int score, JudgedOn on) {
    return new ExportLines.Submitted(
        ClassReport.CHALLENGE, 1, "l", claimed, on, new ExportedLine.Score(score, 85));
  }

  private static Rejudge.ChallengeAnswer scored(Verdict v, int score) {
    return new Rejudge.ChallengeAnswer(v, score, "", HERE);
  }

  @Test
  void challengeComparisonsWeighTheEngineTheScoreWasTakenOn() {
    JudgedOn sameAsHere = new JudgedOn("Podman", "4.3.2", "no", "yes");
    assertEquals(
        Rejudge.Kind.AGREES,
        Rejudge.compareChallenge(challenge("passed", 90, sameAsHere), scored(Verdict.PASSED, 90))
            .kind());
    Rejudge.Finding inflated =
        Rejudge.compareChallenge(challenge("passed", 100, sameAsHere), scored(Verdict.PASSED, 90));
    assertEquals(Rejudge.Kind.DIFFERS, inflated.kind(), "an edited score on the same engine");
    assertTrue(inflated.disagrees());
    Rejudge.Finding noFacts =
        Rejudge.compareChallenge(challenge("passed", 97, null), scored(Verdict.FAILED, 70));
    assertTrue(noFacts.disagrees(), "facts removed from the export excuse nothing");
    Rejudge.Finding elsewhere =
        Rejudge.compareChallenge(challenge("passed", 97, LEARNERS), scored(Verdict.FAILED, 80));
    assertEquals(Rejudge.Kind.NOT_HERE, elsewhere.kind(), "rootless yes there, no here");
    assertFalse(elsewhere.disagrees());
    assertTrue(elsewhere.detail().startsWith("could not re-judge here: "), elsewhere.detail());
    Rejudge.Finding refused =
        Rejudge.compareChallenge(
            challenge("passed", 97, LEARNERS),
            new Rejudge.ChallengeAnswer(Verdict.REFUSED, 0, "No /workspace mount.", null));
    assertEquals(Rejudge.Kind.REFUSED, refused.kind());
    assertTrue(refused.disagrees());
  }

  @Test
  void challengeLinesAreJudgedOncePerLineAndThreshold(@TempDir Path dir) throws Exception {
    for (String who : List.of("a", "b", "c")) {
      Progress p = new Progress();
      p.recordChallengeLine("podman run x", true, 90, 85, HERE);
      write(dir, who + ".json", ProgressExport.of(who, episode, p));
    }
    List<String> runs = new ArrayList<>();
    Rejudge.Result r =
        new Rejudge(
                episode,
                (d, l) -> {
                  throw new AssertionError("no exercise line");
                },
                (line, min) -> {
                  runs.add(line + "@" + min);
                  return scored(Verdict.PASSED, 90);
                })
            .read(dir);
    assertEquals(List.of("podman run x@85"), runs);
    assertEquals(HERE, r.here(), "the engine is named when only challenge lines ran");
    assertEquals(3, r.rows().size());
    assertFalse(r.anyDisagrees());
    assertTrue(RejudgeTable.text(r).contains("challenge #1"), RejudgeTable.text(r));
  }

  @Test
  void learnerTextReachesTheTableEscaped(@TempDir Path dir) throws Exception {
    write(dir, "esc.json", export("Eve\u001b[2J", "rm\u001b]0;x\u0007 -rf\nnext", "passed"));
    String text = RejudgeTable.text(rejudge().read(dir));
    assertFalse(text.contains("\u001b"), text);
    assertFalse(text.contains("\u0007"), text);
    assertTrue(text.contains("\\nnext"), text);
  }
}
