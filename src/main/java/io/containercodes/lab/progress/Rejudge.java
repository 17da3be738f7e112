package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.demo.Answer;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.JudgedOn;
import io.containercodes.lab.demo.Verdict;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.render.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * {@code cclab report --rejudge}: every exercise line a folder of exports carries, judged again by
 * the one judge the REPL uses (handed in as {@code judge}: admission, guardrails, the exercise's
 * checks), and compared with the verdict the export claims. An export is a file anyone can edit, so
 * the claim counts for nothing until the line earns it here; where this engine cannot show what the
 * exercise checks, the line is "could not re-judge here", never a disagreement.
 */
public final class Rejudge {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a re-judged line compares with its claim. */
  public enum Kind {
    AGREES("agrees"),
    DIFFERS("DIFFERS"),
    REFUSED("refused"),
    NOT_HERE("not re-judged"),
    NO_CLAIM("no claim");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /**
   * @param rejudged the verdict's word here
   * @param detail one sentence (the refusal, why this engine could not judge it, the failed check)
   * @param disagrees whether the claim is one the line does not earn here
   */
  public record Finding(Kind kind, String rejudged, String detail, boolean disagrees) {}

  /** One submitted line, its learner, and how its re-judging went. */
  public record Row(String file, String learner, ExportLines.Submitted line, Finding finding) {}

  /**
   * @param lacking per file, what an older export cannot show ("file: sentence")
   * @param here the facts of the engine that re-judged; null when no line ran
   */
  public record Result(
      List<Row> rows, List<String> skipped, List<String> lacking, int files, JudgedOn here) {
    public boolean anyDisagrees() {
      return rows.stream().anyMatch(r -> r.finding().disagrees());
    }

    public long disagreeing() {
      return rows.stream().filter(r -> r.finding().disagrees()).count();
    }
  }

  /**
   * A challenge line judged again: refused (never run; {@code reason} says why, {@code judgedOn}
   * null), or its verdict and score at the threshold the export names, and the facts it was scored
   * on.
   */
  public record ChallengeAnswer(Verdict verdict, int score, String reason, JudgedOn judgedOn) {}

  private final Episode episode;
  private final BiFunction<Demo, String, Answer> judge;
  private final BiFunction<String, Integer, ChallengeAnswer> challenge;
  private final Map<List<Object>, ChallengeAnswer> scored = new HashMap<>();

  /** exercise id and line → its verdict here: a class submits the same lines many times. */
  private final Map<List<String>, Answer> judged = new HashMap<>();

  /**
   * @param judge the REPL's judge of an exercise line on this machine's engine
   */
  public Rejudge(Episode episode, BiFunction<Demo, String, Answer> judge) {
    this(episode, judge, null);
  }

  /**
   * @param challenge the challenge's own judge of a line at a threshold (audit and task, as {@code
   *     cclab challenge} runs them); null: challenge lines are noted, not run
   */
  public Rejudge(
      Episode episode,
      BiFunction<Demo, String, Answer> judge,
      BiFunction<String, Integer, ChallengeAnswer> challenge) {
    this.episode = episode;
    this.judge = judge;
    this.challenge = challenge;
  }

  /** Re-judges every line of every export in {@code dir}; an unreadable export is skipped. */
  public Result read(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    Result r =
        new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), files.size(), null);
    ExportCheck check = new ExportCheck(episode);
    for (Path f : files) {
      read(f, check, r);
    }
    JudgedOn here =
        Stream.concat(
                judged.values().stream().map(Answer::judgedOn),
                scored.values().stream().map(ChallengeAnswer::judgedOn))
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    return new Result(r.rows(), r.skipped(), r.lacking(), r.files(), here);
  }

  private void read(Path f, ExportCheck check, Result into) {
    String name = SafeText.escapeLine(f.getFileName().toString());
    try {
      if (!Files.isRegularFile(f) || Files.size(f) > ClassReport.MAX_FILE_BYTES) {
        into.skipped().add(name + ": not an export");
        return;
      }
      JsonNode n = JSON.readTree(f.toFile());
      ClassReport.Row row = check.row(name, n);
      String learner = row.learner();
      ExportLines.Lines lines = ExportLines.of(episode, row, n);
      lines.lacking().forEach(l -> into.lacking().add(name + ": " + SafeText.escapeLine(l)));
      List<ExportLines.Submitted> challenges =
          lines.lines().stream().filter(ExportLines.Submitted::challenge).toList();
      if (challenge == null && !challenges.isEmpty()) {
        into.lacking()
            .add(name + ": the challenge: " + challenges.size() + " line(s), not run here");
      }
      for (ExportLines.Submitted s : lines.lines()) {
        if (!s.challenge()) {
          into.rows().add(new Row(name, learner, s, compare(s.claimed(), answer(s))));
        } else if (challenge != null) {
          into.rows().add(new Row(name, learner, s, compareChallenge(s, scored(s))));
        }
      }
    } catch (ExportCheck.Rejected e) {
      into.skipped().add(name + ": " + e.getMessage());
    } catch (IOException e) {
      into.skipped().add(name + ": not valid JSON");
    }
  }

  private Answer answer(ExportLines.Submitted s) {
    Demo exercise = episode.demo(s.exerciseId()).orElseThrow();
    return judged.computeIfAbsent(
        List.of(s.exerciseId(), s.line()), k -> judge.apply(exercise, s.line()));
  }

  private ChallengeAnswer scored(ExportLines.Submitted s) {
    int min = s.score() == null ? ExportLines.DEFAULT_MIN_SCORE : s.score().minScore();
    return scored.computeIfAbsent(List.of(s.line(), min), k -> challenge.apply(s.line(), min));
  }

  /**
   * A challenge line's claim beside its verdict and score here, at the threshold the export names.
   * The score depends on the engine (limits that do not act rootless on cgroup v1 score nothing),
   * so a difference where the export names other facts is "could not re-judge here"; where it names
   * the same facts, or none, a different verdict or score differs.
   */
  static Finding compareChallenge(ExportLines.Submitted s, ChallengeAnswer here) {
    if (here.verdict() == Verdict.REFUSED) {
      return new Finding(
          Kind.REFUSED,
          "refused",
          "refused, never run: " + here.reason(),
          "passed".equals(s.claimed()));
    }
    String word = here.verdict().word() + " (score " + here.score() + ")";
    String claim = s.claimed() + (s.score() == null ? "" : " (score " + s.score().score() + ")");
    if (!"passed".equals(s.claimed()) && !"failed".equals(s.claimed())) {
      return new Finding(Kind.NO_CLAIM, word, "the export claims no verdict", false);
    }
    boolean sameScore = s.score() == null || s.score().score() == here.score();
    if (s.claimed().equals(here.verdict().word()) && sameScore) {
      return new Finding(Kind.AGREES, word, "", false);
    }
    if (s.judgedOn() != null && here.judgedOn() != null && !alike(s.judgedOn(), here.judgedOn())) {
      return new Finding(
          Kind.NOT_HERE,
          word,
          "could not re-judge here: the export's line was scored on "
              + s.judgedOn().summary()
              + ", this engine is "
              + here.judgedOn().summary(),
          false);
    }
    String why = here.reason().isEmpty() ? "" : ": " + here.reason();
    return new Finding(Kind.DIFFERS, word, "the export claims " + claim + why, true);
  }

  /** Engines on which a line scores the same: same engine, rootless or not, limits or not. */
  private static boolean alike(JudgedOn a, JudgedOn b) {
    return a.engine().equals(b.engine())
        && a.rootless().equals(b.rootless())
        && a.limits().equals(b.limits());
  }

  /**
   * The claim beside the verdict here. A refused line never ran, so a pass claimed for it is not
   * earned; a line this engine could not judge (skipped: a protection it cannot show) says why and
   * is no disagreement; a claim of skipped or refused, or none, is nothing to check.
   */
  static Finding compare(String claimed, Answer here) {
    String word = here.verdict().word();
    return switch (here.verdict()) {
      case REFUSED ->
          new Finding(
              Kind.REFUSED, word, "refused, never run: " + here.reason(), "passed".equals(claimed));
      case SKIPPED ->
          new Finding(Kind.NOT_HERE, word, "could not re-judge here: " + here.reason(), false);
      case PASSED, FAILED -> ran(claimed, word, here);
    };
  }

  private static Finding ran(String claimed, String word, Answer here) {
    String why = here.reason().isEmpty() ? "" : ": " + here.reason();
    if (!"passed".equals(claimed) && !"failed".equals(claimed)) {
      return new Finding(
          Kind.NO_CLAIM,
          word,
          "the export claims "
              + (claimed == null ? "no verdict" : claimed)
              + "; re-judged "
              + word
              + why,
          false);
    }
    if (claimed.equals(word)) {
      return new Finding(Kind.AGREES, word, "", false);
    }
    return new Finding(Kind.DIFFERS, word, "the export claims " + claimed + why, true);
  }
}
