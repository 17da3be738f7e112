package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.demo.Answer;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.JudgedOn;
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

  private final Episode episode;
  private final BiFunction<Demo, String, Answer> judge;

  /** exercise id and line → its verdict here: a class submits the same lines many times. */
  private final Map<List<String>, Answer> judged = new HashMap<>();

  /**
   * @param judge the REPL's judge of an exercise line on this machine's engine
   */
  public Rejudge(Episode episode, BiFunction<Demo, String, Answer> judge) {
    this.episode = episode;
    this.judge = judge;
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
        judged.values().stream()
            .map(Answer::judgedOn)
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
      String learner = check.row(name, n).learner();
      ExportLines.Lines lines = ExportLines.of(episode, n);
      lines.lacking().forEach(l -> into.lacking().add(name + ": " + SafeText.escapeLine(l)));
      for (ExportLines.Submitted s : lines.lines()) {
        into.rows().add(new Row(name, learner, s, compare(s.claimed(), answer(s))));
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
