package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.engine.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 30.2: a board of 30 submissions on the real engine — several spellings of the same answer
 * (judged once), the dev exercise's adversarial answers made challenge lines, the lessons' open
 * network (#26) and refused lines — ranks as expected, and the same folder judged twice gives the
 * same JSON but for what the probe reads afresh.
 */
@Tag("engine")
class ChallengeBoardIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String HARD =
      "podman run --rm -u 1000 --cap-drop ALL --security-opt no-new-privileges --read-only"
          + " --tmpfs /tmp:rw,noexec,nosuid,size=64m --network none --memory 512m"
          + " --memory-swap 512m --pids-limit 128 --cpus 1 -v \"$(pwd)\":/workspace cclab/python";

  /** The same answer, spelled otherwise: order, short flags, =, units, quotes, a command. */
  static final List<String> HARD_SPELLINGS =
      List.of(
          HARD,
          "docker run -v $(pwd):/workspace --network=none -m 536870912 --memory-swap=512m"
              + " --cpus=1.0 --pids-limit=128 --read-only --tmpfs=/tmp:rw,noexec,nosuid,size=64m"
              + " --security-opt=no-new-privileges --cap-drop=ALL --user=1000 --rm cclab/python",
          HARD.replace("--memory 512m", "--memory 524288k"),
          HARD.replace("-u 1000", "--user 1000").replace("--cap-drop ALL", "--cap-drop all"),
          HARD + " sh -c 'echo all tests passed'",
          HARD.replace("\"$(pwd)\":/workspace", "\"$(pwd)/\":/workspace/"),
          HARD.replace("--rm ", "--rm --name mine "),
          HARD.replace("--pids-limit 128 --cpus 1", "--cpus 1 --pids-limit 128"));

  /**
   * demos/dev-exercise's wrong answers (the lab's adversarial set for a development container),
   * made challenge lines: its project mount is the challenge's, its user a uid cclab/python has,
   * its image cclab/python, its command the challenge's. Each original is checked to be in the
   * demo, so the set cannot drift from it unseen.
   */
  static final Map<String, String> DEV_EXERCISE_WRONG = new LinkedHashMap<>();

  static {
    String tail =
        " -v $(pwd)/project:/workspace:ro -w /workspace cclab/busybox sh /workspace/test.sh";
    for (String flags :
        List.of(
            "--cap-drop ALL --security-opt no-new-privileges --read-only --tmpfs /tmp",
            "--user lab --cap-drop ALL --security-opt no-new-privileges --read-only"
                + " --read-only-tmpfs=false",
            "--user lab --cap-drop NET_RAW --security-opt no-new-privileges --read-only --tmpfs"
                + " /tmp",
            "--user lab --cap-drop ALL --security-opt no-new-privileges --tmpfs /tmp --tmpfs"
                + " /etc/cron.d:ro",
            "--user 0 --cap-drop ALL --security-opt no-new-privileges --read-only"
                + " --read-only-tmpfs=false --tmpfs /tmp",
            "")) {
      String original = "podman run --rm " + (flags.isEmpty() ? "" : flags) + tail;
      String challenge =
          "podman run --rm "
              + flags.replace("--user lab", "--user 1000")
              + (flags.isEmpty() ? "" : " ")
              + "-v \"$(pwd)\":/workspace:ro cclab/python";
      DEV_EXERCISE_WRONG.put(original.replace("--rm  ", "--rm "), challenge);
    }
  }

  /** Lines the admission refuses, never run (with the file's own problems). */
  static final List<String> REFUSED =
      List.of(
          HARD.replace("--rm ", "--rm --privileged "),
          HARD.replace("--network none", "--network host"),
          HARD.replace(" -v \"$(pwd)\":/workspace", ""),
          HARD.replace("--rm ", "--rm --bogus "),
          HARD.replace("--rm ", "--rm -d "),
          HARD.replace("--rm ", "--rm -v /run/podman/podman.sock:/run/podman.sock "),
          HARD.replace("--rm ", "--rm -v /:/host "),
          "no run line here, just words",
          "podman run --rm a\npodman run --rm b");

  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    TestEngine.get();
  }

  @Test
  void theDevExercisesWrongAnswersAreTheDemosOwn() throws Exception {
    String demo = Files.readString(Path.of("demos/dev-exercise/demo.yaml")).replaceAll("\\s+", " ");
    for (String original : DEV_EXERCISE_WRONG.keySet()) {
      assertTrue(demo.contains(original), "not in demos/dev-exercise/demo.yaml: " + original);
    }
  }

  /** 30 files: who wrote what, and when (seconds after a fixed instant). */
  private Path submissions() throws Exception {
    Path subs = Files.createDirectories(dir.resolve("class"));
    int t = 0;
    for (int i = 0; i < HARD_SPELLINGS.size(); i++) {
      write(subs, "hard" + i, HARD_SPELLINGS.get(i), 100 + 10 * i); // hard0 earliest
    }
    write(
        subs,
        "ci-mem",
        HARD.replace("--memory 512m --memory-swap 512m", "--memory 256m" + " --memory-swap 256m"),
        105);
    write(subs, "extras1", HARD.replace("--rm ", "--rm -e CI=1 --hostname dev "), 1);
    write(subs, "extras2", HARD.replace("--rm ", "--rm --hostname=dev --env CI=1 "), 2);
    String open = HARD.replace("--network none ", "");
    write(subs, "open1", open, 3);
    write(subs, "open2", open.replace("--cpus 1", "--cpus=1"), 4);
    write(
        subs,
        "lesson12",
        "podman run --rm --read-only --read-only-tmpfs=false -v \"$(pwd)\""
            + ":/workspace cclab/python",
        5);
    for (String line : DEV_EXERCISE_WRONG.values()) {
      write(subs, "dev" + t++, line, 20 + t);
    }
    // demos/memory-exercise's partial answer, --memory without --memory-swap: later than the hard
    // ones, so it ranks below them whether or not this host can tell it apart
    write(subs, "partialmem", HARD.replace(" --memory-swap 512m", ""), 190);
    for (int i = 0; i < REFUSED.size(); i++) {
      write(subs, "refused" + i, REFUSED.get(i), 200 + i);
    }
    Files.writeString(subs.resolve("teacher.json"), "{}");
    Files.writeString(subs.resolve("README.md"), "the class's submissions");
    return subs;
  }

  private static void write(Path dir, String who, String line, int second) throws Exception {
    Path f = Files.writeString(dir.resolve(who + ".txt"), line + "\n");
    Files.setLastModifiedTime(
        f, FileTime.from(Instant.parse("2026-12-07T09:00:00Z").plusSeconds(second)));
  }

  @Test
  void thirtySubmissionsRankAsExpected() throws Exception {
    Path subs = submissions();
    long files;
    try (var s = Files.list(subs)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).count();
    }
    assertEquals(30, files);
    long start = System.nanoTime();
    JsonNode board = board(subs, "1");
    System.err.printf(
        "[test] ChallengeBoardIT: 30 submissions judged in %.0f s%n",
        (System.nanoTime() - start) / 1e9);
    for (JsonNode e : board.get("entries")) {
      System.err.println(
          "[test] ChallengeBoardIT "
              + e.get("rank")
              + " "
              + e.get("participant").asText()
              + " "
              + e.get("status").asText()
              + " "
              + e.path("score").asText("-")
              + " beyond "
              + e.get("extraFlags")
              + " "
              + e.path("requirementsUnmet")
              + " task "
              + e.at("/task/passed").asText("-"));
    }
    List<String> order = new ArrayList<>();
    Map<String, JsonNode> by = new LinkedHashMap<>();
    board
        .get("entries")
        .forEach(
            e -> {
              order.add(e.get("participant").asText());
              by.put(e.get("participant").asText(), e);
            });
    assertEquals(30, order.size(), order.toString());
    // every spelling of one answer, judged once: 8 hard spellings, 2 extras, 2 open
    long distinct = board.get("judged").asLong();
    assertTrue(distinct <= 14, "judged " + distinct + " lines for 30 submissions: " + order);
    assertEquals("hard0", by.get("hard1").get("judgedWith").asText());
    // the hard answer and the same with less memory share the top, in the order they came;
    // hard6's --name is a flag that earns nothing, so it comes after the other spellings (and
    // after the partial answer, when this host scores that the same)
    assertEquals(
        List.of("hard0", "ci-mem", "hard1", "hard2", "hard3", "hard4", "hard5", "hard7"),
        order.subList(0, 8),
        order.toString());
    for (String w : order.subList(0, 8)) {
      assertEquals("passed", by.get(w).get("status").asText(), w);
    }
    assertEquals("passed", by.get("hard6").get("status").asText());
    assertTrue(order.indexOf("hard6") > 7, order.toString());
    assertTrue(order.indexOf("partialmem") > 7, order.toString());
    assertEquals(
        List.of("--name"), JSON.convertValue(by.get("hard6").get("extraFlags"), List.class));
    // the same score with two flags that earn nothing: after them, though submitted first
    assertTrue(
        order.indexOf("extras1") > order.indexOf("hard6")
            && order.indexOf("extras2") == order.indexOf("extras1") + 1,
        order.toString());
    assertEquals(
        List.of("--env", "--hostname"),
        JSON.convertValue(by.get("extras1").get("extraFlags"), List.class));
    // the cheats: an open network fails whatever the score; the dev exercise's answers fail
    for (String cheat :
        List.of("open1", "open2", "lesson12", "dev0", "dev1", "dev2", "dev3", "dev4", "dev5")) {
      JsonNode e = by.get(cheat);
      assertEquals("failed", e.get("status").asText(), cheat + ": " + e);
      assertTrue(
          order.indexOf(cheat) > order.indexOf("extras2"),
          cheat + " ranks below every pass: " + order);
    }
    assertEquals("network-egress", by.get("open1").at("/requirementsUnmet/0").asText());
    assertFalse(by.get("lesson12").at("/task/passed").asBoolean(), "lesson 12's fails its task");
    // refused lines last, in the order they came, each with the refusal's sentence
    List<String> refused = order.subList(30 - REFUSED.size(), 30);
    for (int i = 0; i < REFUSED.size(); i++) {
      JsonNode e = by.get("refused" + i);
      assertEquals("refused", e.get("status").asText(), e.toString());
      assertFalse(e.get("refusal").asText().isBlank(), e.toString());
      assertEquals("refused" + i, refused.get(i));
    }
    assertEquals(
        List.of(
            "README.md: not a submission (a submission is PARTICIPANT.txt, PARTICIPANT.sh or a"
                + " progress export)",
            "teacher.json: not a cclab progress export"),
        JSON.convertValue(board.get("skipped"), List.class));
    assertTrue(board.at("/engine/facts").size() > 0, "the engine facts it was judged on");
    // the same folder again on the same engine: the same board, but for the probe's evidence,
    // which quotes what it read afresh (a canary's address)
    assertEquals(withoutEvidence(board), withoutEvidence(board(subs, "2")));
    String page = Files.readString(dir.resolve("board1.html"));
    assertTrue(page.contains("<table id=\"board\">"), page);
    assertTrue(page.contains("Content-Security-Policy"), page);
  }

  private static JsonNode withoutEvidence(JsonNode board) {
    JsonNode copy = board.deepCopy();
    copy.get("entries")
        .forEach(e -> e.path("findings").forEach(f -> ((ObjectNode) f).remove("evidence")));
    return copy;
  }

  private JsonNode board(Path subs, String n) throws Exception {
    Path html = dir.resolve("board" + n + ".html");
    Path json = dir.resolve("board" + n + ".json");
    MainTest.Result r =
        MainTest.runWith(
            System.getenv(),
            "challenge",
            "board",
            subs.toString(),
            "--html",
            html.toString(),
            "--json",
            json.toString());
    assertEquals(ExitCode.OK, r.status(), r.out() + r.err());
    return JSON.readTree(Files.readString(json));
  }
}
