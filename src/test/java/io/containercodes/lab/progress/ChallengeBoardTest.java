package io.containercodes.lab.progress;

import static io.containercodes.lab.progress.BoardFakes.line;
import static io.containercodes.lab.progress.BoardFakes.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.engine.LineFlag;
import io.containercodes.lab.progress.BoardFakes.FakeJudge;
import io.containercodes.lab.progress.ChallengeBoard.Board;
import io.containercodes.lab.progress.ChallengeBoard.Entry;
import io.containercodes.lab.progress.ChallengeBoard.Submission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 30.2: the board's ranking, its judge-once cache and its flags beyond the needed ones. */
class ChallengeBoardTest {
  static final String HARD =
      "podman run --rm -u 1000 --cap-drop ALL --security-opt no-new-privileges --read-only"
          + " --tmpfs /tmp:rw,noexec,nosuid,size=64m --network none --memory 512m"
          + " --memory-swap 512m --pids-limit 128 --cpus 1 -v \"$(pwd)\":/workspace cclab/python";

  /** The same spec: flags in another order, short and = spellings, a byte count, quotes. */
  static final String HARD_RESPELLED =
      "docker run -v $(pwd):/workspace --network=none -m 536870912 --memory-swap=512m --cpus=1.0"
          + " --pids-limit=128 --read-only --tmpfs=/tmp:rw,noexec,nosuid,size=64m"
          + " --security-opt=no-new-privileges --cap-drop=ALL --user=1000 --rm cclab/python";

  static final String OPEN_NETWORK = HARD.replace("--network none ", "");
  static final String EXTRAS = HARD.replace("--rm ", "--rm -e FOO=1 --hostname box ");

  private final Map<String, Challenge.Result> answers =
      Map.of(
          HARD,
          result(true),
          EXTRAS,
          result(true),
          OPEN_NETWORK,
          result(true, "network-egress"),
          HARD.replace("--cpus 1", "--cpus 4"),
          result(true, "root-writable"));

  List<Submission> submissions() {
    return List.of(
        line("alice", 100, HARD),
        line("bob", 50, HARD_RESPELLED),
        line("carol", 10, EXTRAS),
        line("dave", 20, OPEN_NETWORK),
        line("erin", 30, HARD.replace("--cpus 1", "--cpus 4")),
        line("frank", 5, HARD.replace("--rm ", "--rm --privileged ")),
        line("gina", 1, "podman run --bogus cclab/python"),
        new Submission("hank", "hank.sh", Instant.ofEpochSecond(2), null, "hank.sh has no line."));
  }

  private Board board(FakeJudge judge, List<Submission> in) {
    return new ChallengeBoard(judge, BoardFakes.parser()).build(in, List.of("x.json: skipped"), 85);
  }

  private FakeJudge judge() {
    return new FakeJudge(this::answer);
  }

  /** The judgement of each first spelling; any other line's task fails. */
  Challenge.Result answer(String line) {
    return answers.getOrDefault(line, result(false));
  }

  private static List<String> order(Board b) {
    return b.entries().stream().map(e -> e.submission().participant()).toList();
  }

  @Test
  void passesRankByScoreThenExtraFlagsThenTimeAndCheatsAndRefusalsBelow() {
    Board b = board(judge(), submissions());
    // bob and alice: one answer, same score, no extra flag; bob's file is older
    // carol passes at 100 too, but with two flags that earn nothing; erin passes at a lower score
    // dave scores above erin with the network open: the challenge's requirement, not the score
    // refusals last, by time: gina (1 s), hank (2 s), frank (5 s)
    assertEquals(
        List.of("bob", "alice", "carol", "erin", "dave", "gina", "hank", "frank"), order(b));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), b.entries().stream().map(Entry::rank).toList());
    Entry dave = b.entries().get(4);
    assertTrue(dave.result().audit().score() > b.entries().get(3).result().audit().score());
    assertFalse(dave.result().passed());
  }

  @Test
  void twoSpellingsOfOneSpecAreJudgedOnceAndARefusalNeverReachesTheEngineTwice() {
    FakeJudge judge = judge();
    Board b = board(judge, submissions());
    // alice first by name; bob's respelled line is her spec; gina's never parses
    assertEquals(5, judge.asked.size(), judge.asked.toString());
    assertFalse(judge.asked.contains(HARD_RESPELLED));
    Entry bob = b.entries().get(0);
    assertEquals("alice", bob.judgedWith());
    assertNull(b.entries().get(1).judgedWith());
    assertEquals(4, b.judged(), "distinct lines that reached the engine");
  }

  @Test
  void refusalsCarryTheAdmissionsSentence() {
    Board b = board(judge(), submissions());
    Entry frank = b.entries().get(7);
    assertTrue(frank.refused());
    assertEquals("Refused: --privileged <script> Fix: drop it", frank.refusal());
    Entry gina = b.entries().get(5);
    assertTrue(gina.refusal().contains("--bogus"), gina.refusal());
    assertEquals("hank.sh has no line.", b.entries().get(6).refusal());
  }

  @Test
  void flagsBeyondTheNeededOnesAreThoseNoPassedRuleNames() {
    Board b = board(judge(), submissions());
    assertEquals(List.of(), b.entries().get(0).extraFlags());
    assertEquals(List.of(LineFlag.ENV, LineFlag.HOSTNAME), b.entries().get(2).extraFlags());
    // erin's --read-only earned nothing: root-writable failed (her --tmpfs still earns
    // tmp-executable)
    assertEquals(List.of(LineFlag.READ_ONLY), b.entries().get(3).extraFlags());
    // dave's line has no --network at all: nothing extra, but it fails
    assertEquals(List.of(), b.entries().get(4).extraFlags());
  }

  @Test
  void theExtraFlagsDecideBeforeTimeAmongEqualScores() {
    List<Entry> e = board(judge(), submissions()).entries();
    Entry carol = e.get(2);
    assertEquals("carol", carol.submission().participant());
    // carol's file is the earliest of the three at 100: on time alone she would be first
    assertEquals(100, carol.result().audit().score());
    assertTrue(carol.submission().modified().isBefore(e.get(0).submission().modified()));
    assertTrue(carol.submission().modified().isBefore(e.get(1).submission().modified()));
  }

  @Test
  void theSameInputsAndEngineFactsGiveTheSameBytesWhateverTheOrderRead() {
    String first = BoardJson.json(board(judge(), submissions()), "0.1.0");
    List<Submission> shuffled = new ArrayList<>(submissions());
    Collections.reverse(shuffled);
    String again = BoardJson.json(board(judge(), shuffled), "0.1.0");
    assertEquals(first, again);
    assertTrue(first.contains("\"topic\" : \"--memory acts\""), first);
    assertFalse(first.contains("1.2"), "no task duration in the board: " + first);
    String later =
        BoardJson.json(
            board(
                judge(),
                submissions().stream()
                    .map(
                        s ->
                            new Submission(
                                s.participant(),
                                s.file(),
                                s.modified().plusSeconds(1),
                                s.line(),
                                s.problem()))
                    .toList()),
            "0.1.0");
    assertFalse(first.equals(later), "the times are inputs, and in the JSON");
  }
}
