package io.containercodes.lab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.progress.ClassReport.Attempt;
import io.containercodes.lab.progress.ClassReport.Result;
import io.containercodes.lab.progress.ClassReport.Row;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 30.3: where the room got stuck, from exports to the model. */
class RoomTest {
  private static final Instant T = Instant.parse("2026-11-30T09:00:00Z");

  @TempDir Path dir;

  private Room room() throws Exception {
    RoomFixture.write(dir);
    Result r = new ClassReport(ClassFixture.EPISODE).read(dir);
    assertEquals(List.of(), r.skipped());
    return Room.of(r, Instant.now(), Room.DEFAULT_STUCK_AFTER);
  }

  @Test
  void theFunnelOfTheGeneratedClassHasTheNumbersWorkedOutByHand() throws Exception {
    Room room = room();
    Room.Step l04 = room.lessons().get(3);
    assertEquals(new Room.Step("04", l04.title(), 10, 10, 5, 12), l04);
    Room.Step welcome = room.lessons().get(0);
    assertEquals(
        List.of(11, 0, 11),
        List.of(welcome.reached(), welcome.attempted(), welcome.solved()),
        "01 has no demo: reached and done, never attempted");
    Room.Step exercise = step(room, RoomFixture.EXERCISE);
    assertEquals(
        List.of(10, 10, 5), List.of(exercise.reached(), exercise.attempted(), exercise.solved()));
    Room.Step memory = step(room, "memory-limit");
    assertEquals(List.of(9, 9, 5), List.of(memory.reached(), memory.attempted(), memory.solved()));
    for (Room.Step s : room.demos()) {
      assertTrue(s.reached() >= s.attempted() && s.attempted() >= s.solved(), s.toString());
    }
    assertEquals(
        List.of(new Room.HintUse("fork-bomb", 1, 1, 1)),
        room.hints(),
        "Ada's one hint, then a pass");
  }

  private static Room.Step step(Room room, String id) {
    return room.demos().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void wrongLinesGroupByAnswerNotBySpellingWithTheExplanationEachGot() throws Exception {
    List<WrongLines.Exercise> all = room().wrongLines();
    assertEquals(1, all.size(), all.toString());
    WrongLines.Exercise e = all.get(0);
    assertEquals(RoomFixture.EXERCISE, e.demoId());
    assertEquals(7, e.lines());
    assertEquals(5, e.learners());
    assertEquals(3, e.groups().size(), e.groups().toString());
    WrongLines.Group noSwap = e.groups().get(0);
    assertEquals(RoomFixture.NO_SWAP, noSwap.example(), "the spelling most learners used");
    assertEquals(List.of(4, 4, 3), List.of(noSwap.lines(), noSwap.learners(), noSwap.spellings()));
    assertEquals(Map.of("config", 4), noSwap.failed());
    WrongLines.Group cpus = e.groups().get(1);
    assertEquals(List.of(2, 2, 2), List.of(cpus.lines(), cpus.learners(), cpus.spellings()));
    assertEquals(Map.of("oom-killed", 2, "config", 2), cpus.failed());
    WrongLines.Group hostile = e.groups().get(2);
    assertEquals(RoomFixture.HOSTILE, hostile.example());
    assertEquals(Map.of(RoomFixture.REFUSED, 1), hostile.notStarted());
    assertEquals(0, e.more());
  }

  @Test
  void twoSpellingsOfTheSameFlagsAreOneKeyAndADifferentValueIsNot() {
    String key = AnswerKey.of(RoomFixture.NO_SWAP);
    assertEquals(key, AnswerKey.of(RoomFixture.NO_SWAP_EQUALS));
    assertEquals(key, AnswerKey.of(RoomFixture.NO_SWAP_SHORT));
    assertEquals(key, AnswerKey.of("--i-understand " + RoomFixture.NO_SWAP), "the consent word");
    assertEquals(
        AnswerKey.of(
            "podman run --rm --cap-drop ALL --cap-add NET_RAW --read-only cclab/busybox id"),
        AnswerKey.of(
            "docker run --read-only --cap-add=cap_net_raw --rm --cap-drop=all cclab/busybox id"));
    assertNotEquals(key, AnswerKey.of("podman run --rm --memory 101m" + RoomFixture.MOUNT));
    assertNotEquals(
        AnswerKey.of("podman run --rm cclab/busybox echo a b"),
        AnswerKey.of("podman run --rm cclab/busybox echo b a"),
        "the container's command keeps its order");
    assertEquals(
        AnswerKey.of("podman  run --bogus  x"),
        AnswerKey.of(" podman run --bogus x "),
        "a line the parser refuses is keyed by its words");
  }

  @Test
  void aLearnerIsStuckWhenTheirLastActIsAFailedAttemptAtLeastNMinutesOld() {
    Instant now = T.plus(Duration.ofMinutes(60));
    List<Row> rows =
        List.of(
            row("stuck.json", "Stuck", "memory-limit", "failed", T.plusSeconds(20 * 60), List.of()),
            row(
                "recent.json",
                "Recent",
                "memory-limit",
                "failed",
                T.plusSeconds(55 * 60),
                List.of()),
            row("edge.json", "Edge", "memory-limit", "failed", T.plusSeconds(50 * 60), List.of()),
            row("passed.json", "Passed", "memory-limit", "passed", T, List.of()),
            row(
                "line.json",
                "Line",
                RoomFixture.EXERCISE,
                "failed",
                T,
                List.of(line(T.plusSeconds(30 * 60), "config"), line(T.plusSeconds(31 * 60)))),
            row(
                "wrong.json",
                "Wrong",
                RoomFixture.EXERCISE,
                "failed",
                T,
                List.of(line(T.plusSeconds(10 * 60)), line(T.plusSeconds(40 * 60), "config"))));
    Result r = new Result("000", List.of(), rows, List.of(), rows.size());
    List<StuckLearners.Stuck> stuck = StuckLearners.of(r, now, Duration.ofMinutes(10));
    assertEquals(
        List.of("Stuck", "Wrong", "Edge"),
        stuck.stream().map(StuckLearners.Stuck::learner).toList(),
        "the longest stuck first; 10 minutes exactly is stuck; a pass last is not");
    assertEquals(40, stuck.get(0).minutes());
    assertEquals("podman run x", stuck.get(1).line(), "the line they are stuck on");
    assertEquals(
        List.of("Stuck"),
        StuckLearners.of(r, now, Duration.ofMinutes(35)).stream()
            .map(StuckLearners.Stuck::learner)
            .toList());
  }

  /** Lines are someone else's file too: one that is not a line is rejected with the export. */
  @Test
  void anExportWithLinesThatAreNotLinesIsSkippedWhole() throws Exception {
    String[][] edits = {
      {"\"line\" : \"podman", "\"line\" : 42, \"x\" : \"podman"},
      {"\"hintsBefore\" : 0", "\"hintsBefore\" : -3"},
      {"\"at\" : \"20", "\"at\" : \"<b>yesterday</b>20"},
      {"\"failed\" : [ \"config\" ]", "\"failed\" : [ {\"x\": 1} ]"},
      // one reader for every use of an export's lines: the room rejects what --rejudge would
      {"\"failed\" : [ \"config\" ]", "\"failed\" : [ ], \"judgedOn\" : {\"engine\": \"x\"}"},
      {"\"failed\" : [ \"config\" ]", "\"failed\" : [ ], \"score\" : 101, \"minScore\" : 85"},
      {"\"line\" : \"podman", "\"line\" : \"   \", \"x\" : \"podman"},
    };
    for (int i = 0; i < edits.length; i++) {
      String json =
          ProgressExport.json(
              ProgressExport.of("Eve" + i, ClassFixture.EPISODE, RoomFixture.progress(8)));
      assertTrue(json.contains(edits[i][0]), edits[i][0] + " in " + json);
      java.nio.file.Files.writeString(
          dir.resolve("e" + i + ".json"),
          json.replaceFirst(
              java.util.regex.Pattern.quote(edits[i][0]),
              java.util.regex.Matcher.quoteReplacement(edits[i][1])));
    }
    Result r = new ClassReport(ClassFixture.EPISODE).read(dir);
    assertEquals(0, r.rows().size());
    assertEquals(edits.length, r.skipped().size(), r.skipped().toString());
    r.skipped().forEach(s -> assertTrue(s.contains("demo memory-exercise has a line"), s));
  }

  /**
   * A line whose export gives its verdict (and fields the room does not use, such as the engine
   * facts it was judged on) is read by the verdict: refused is a wrong answer, skipped is not.
   */
  @Test
  void aLineIsReadByItsVerdictWhenTheExportGivesOne() throws Exception {
    String json =
        ProgressExport.json(
            ProgressExport.of("Eve", ClassFixture.EPISODE, RoomFixture.progress(8)));
    String failed = "\"failed\" : [ \"config\" ]";
    assertTrue(json.contains(failed), json);
    java.nio.file.Files.writeString(
        dir.resolve("refused.json"),
        json.replace(
            failed,
            "\"failed\" : [ ], \"verdict\" : \"refused\", \"judgedOn\" : {\"engine\":"
                + " \"Podman\", \"version\": \"5.4.2\", \"rootless\": \"yes\","
                + " \"limits\": \"unknown\"}"));
    java.nio.file.Files.writeString(
        dir.resolve("skipped.json"),
        json.replace("Eve", "Bob").replace(failed, "\"failed\" : [ ], \"verdict\" : \"skipped\""));
    Result r = new ClassReport(ClassFixture.EPISODE).read(dir);
    assertEquals(List.of(), r.skipped());
    List<WrongLines.Exercise> wrong = WrongLines.of(r);
    assertEquals(1, wrong.get(0).lines(), "the refused line, not the skipped one: " + wrong);
  }

  private static ExportedLine line(Instant at, String... failed) {
    return new ExportedLine("podman run x", List.of(failed), null, null, at, 0, false, null, null);
  }

  private static Row row(
      String file,
      String name,
      String demo,
      String status,
      Instant last,
      List<ExportedLine> lines) {
    return new Row(
        file,
        name,
        Map.of(),
        Map.of(demo, new Attempt(demo, status, 1, 0, last.toString())),
        Map.of(),
        Map.of(),
        Map.of(),
        lines.isEmpty() ? Map.of() : Map.of(demo, lines));
  }
}
