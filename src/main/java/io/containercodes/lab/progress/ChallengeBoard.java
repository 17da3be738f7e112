package io.containercodes.lab.progress;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.LabException;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.audit.HostView;
import io.containercodes.lab.audit.RuleFlags;
import io.containercodes.lab.engine.LineFlag;
import io.containercodes.lab.runline.RunLineParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The challenge's leaderboard: every participant's line judged as {@code cclab challenge} judges it
 * (the {@link Judge} is that path: admission, guardrails, the audit's probe and the task), each
 * distinct spec once, then ranked by {@link #ORDER}. A line the admission refuses is never run and
 * ranks last, with the refusal's sentence.
 */
public final class ChallengeBoard {
  /** The order, as the page and the JSON state it. */
  public static final String ORDER =
      "lines that pass the challenge first; then the higher score; then fewer flags beyond the"
          + " needed ones; then the earlier submission (the file's modification time); then the"
          + " participant's name. Refused lines, and lines the engine could not judge, come last.";

  /** One participant's submitted line, or why the file holds none ({@code problem}). */
  public record Submission(
      String participant, String file, Instant modified, String line, String problem) {}

  /** Judges a line exactly as {@code cclab challenge} does, on one engine. */
  public interface Judge {
    /**
     * @throws InvalidInput when the admission refuses the line (its sentence is the refusal)
     */
    Challenge.Result judge(String line);

    /** The engine facts every line was judged on. */
    HostView host();
  }

  /**
   * One ranked entry.
   *
   * @param result the judgement, or null for a refused line
   * @param refusal why the line was refused, or null
   * @param flags every flag the line gives (by its long name), as the parser read it
   * @param extraFlags the flags beyond the needed ones ({@link RuleFlags#needed})
   * @param judgedWith the participant whose line of the same spec was judged for this one, or null
   * @param unjudged true when the admission let the line through but the engine could not judge it
   *     (the probe never finished in it: the refusal says why)
   */
  public record Entry(
      int rank,
      Submission submission,
      Challenge.Result result,
      String refusal,
      List<LineFlag> flags,
      List<LineFlag> extraFlags,
      String judgedWith,
      boolean unjudged) {
    public boolean refused() {
      return result == null;
    }

    /** "passed", "failed", "refused" or "not judged". */
    public String status() {
      if (result != null) {
        return result.passed() ? "passed" : "failed";
      }
      return unjudged ? "not judged" : "refused";
    }

    Entry ranked(int r) {
      return new Entry(r, submission, result, refusal, flags, extraFlags, judgedWith, unjudged);
    }
  }

  /**
   * @param skipped files of the folder that are no submission, each with the reason
   * @param judged how many lines reached the engine (one per distinct spec)
   */
  public record Board(
      List<Entry> entries, List<String> skipped, HostView host, int minScore, int judged) {}

  private final Judge judge;
  private final RunLineParser parser;
  private final Map<String, Judgement> cache = new HashMap<>();

  private record Judgement(
      Challenge.Result result, String refusal, String participant, boolean unjudged) {}

  public ChallengeBoard(Judge judge, RunLineParser parser) {
    this.judge = judge;
    this.parser = parser;
  }

  public Board build(List<Submission> submissions, List<String> skipped, int minScore) {
    List<Entry> entries = new ArrayList<>();
    for (Submission s : submissions.stream().sorted(BY_NAME).toList()) {
      entries.add(entry(s));
    }
    entries.sort(RANKING);
    List<Entry> ranked = new ArrayList<>();
    for (Entry e : entries) {
      ranked.add(e.ranked(ranked.size() + 1));
    }
    long judged = cache.values().stream().filter(j -> j.result() != null).count();
    return new Board(ranked, skipped, judge.host(), minScore, (int) judged);
  }

  private Entry entry(Submission s) {
    if (s.problem() != null) {
      return new Entry(0, s, null, s.problem(), List.of(), List.of(), null, false);
    }
    RunLineParser.ParsedRun parsed;
    try {
      parsed = parser.parse(s.line());
    } catch (InvalidInput e) {
      // the admission parses with the same parser: it refuses this line with this sentence
      return new Entry(0, s, null, refusal(e), List.of(), List.of(), null, false);
    }
    String key = SpecKey.of(parsed.spec());
    Judgement j = cache.get(key);
    String with = j == null ? null : j.participant();
    if (j == null) {
      j = judgeOnce(s);
      cache.put(key, j);
    }
    List<LineFlag> flags = sorted(parsed.flags());
    if (j.result() == null) {
      return new Entry(0, s, null, j.refusal(), flags, List.of(), with, j.unjudged());
    }
    Set<LineFlag> extra = EnumSet.noneOf(LineFlag.class);
    extra.addAll(parsed.flags());
    extra.removeAll(RuleFlags.needed(j.result().audit().results()));
    return new Entry(0, s, j.result(), null, flags, sorted(extra), with, false);
  }

  private Judgement judgeOnce(Submission s) {
    try {
      return new Judgement(judge.judge(s.line()), null, s.participant(), false);
    } catch (InvalidInput e) {
      return new Judgement(null, refusal(e), s.participant(), false);
    } catch (EnvironmentProblem e) {
      // the probe never finished in this configuration (no such user, no shell): the line's
      // doing, said as the challenge says it; the other lines are still judged
      return new Judgement(null, refusal(e), s.participant(), true);
    }
  }

  private static String refusal(LabException e) {
    return e.fix() == null ? e.getMessage() : e.getMessage() + " Fix: " + e.fix();
  }

  private static List<LineFlag> sorted(Set<LineFlag> flags) {
    return flags.stream().sorted().toList();
  }

  private static final Comparator<Submission> BY_NAME =
      Comparator.comparing(Submission::participant).thenComparing(Submission::file);

  /** {@link #ORDER}, as code. */
  static final Comparator<Entry> RANKING =
      Comparator.comparing(Entry::refused)
          .thenComparing(e -> !e.refused() && e.result().passed() ? 0 : 1)
          .thenComparing(e -> e.refused() ? 0 : -e.result().audit().score())
          .thenComparing(e -> e.extraFlags().size())
          .thenComparing(e -> e.submission().modified())
          .thenComparing(Entry::submission, BY_NAME);
}
