package io.containercodes.lab.progress;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.containercodes.lab.demo.JudgedOn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's progress through the lab, as stored on disk (schema {@value #SCHEMA}). The REPL and
 * the commands change it through methods named for what happened (a run, a hint, a reset), and
 * {@link ProgressStore} writes it after every change. Jackson reads and writes the private fields
 * directly, in declaration order, so the file's layout is the fields' layout.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE)
public final class Progress {
  /**
   * 2 added predictions, exercise attempts, the solution flag and quiz answers; a schema-1 file
   * reads as is.
   */
  public static final int SCHEMA = 2;

  private int schema = SCHEMA;
  private String learner;
  private String episode;

  /** The lesson id the learner is on. */
  private String position;

  private List<String> visited = new ArrayList<>();
  private Map<String, DemoProgress> demos = new LinkedHashMap<>();

  /** Lesson id → question number (1-based, as text) → the learner's answer. */
  private Map<String, Map<String, Answer>> quiz = new LinkedHashMap<>();

  public Progress() {}

  /** The result of a merge ({@link ProgressMerge}): every part already decided. */
  Progress(
      String learner,
      String episode,
      String position,
      List<String> visited,
      Map<String, DemoProgress> demos,
      Map<String, Map<String, Answer>> quiz) {
    this.learner = learner;
    this.episode = episode;
    this.position = position;
    this.visited = visited;
    this.demos = demos;
    this.quiz = quiz;
  }

  public int schema() {
    return schema;
  }

  /** Older files have no new fields yet; nothing in them changes meaning. */
  void upgradeSchema() {
    schema = SCHEMA;
  }

  public String learner() {
    return learner;
  }

  /** The episode the learner last opened; null before the first. */
  public String episode() {
    return episode;
  }

  /** The lesson id the learner is on; null before the first. */
  public String position() {
    return position;
  }

  public List<String> visited() {
    return Collections.unmodifiableList(visited);
  }

  /** Demo id → its record, in the order the learner first met them. */
  public Map<String, DemoProgress> demos() {
    return Collections.unmodifiableMap(demos);
  }

  public Map<String, Map<String, Answer>> quiz() {
    return Collections.unmodifiableMap(quiz);
  }

  /** A lesson's quiz answers: question number (1-based, as text) → answer. */
  public Map<String, Answer> answers(String lessonId) {
    return Collections.unmodifiableMap(quiz.getOrDefault(lessonId, Map.of()));
  }

  /** A multiple-choice answer: a prediction before a demo, or a quiz answer. */
  @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE)
  public static final class Answer {
    private int chosen;
    private boolean right;
    private String at;

    /** A quiz question answered again: the first answer ever given to it; null otherwise. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private Answer first;

    static Answer of(int chosen, boolean right) {
      Answer a = new Answer();
      a.chosen = chosen;
      a.right = right;
      a.at = Instant.now().toString();
      return a;
    }

    /** The learner's choice, 1-based. */
    public int chosen() {
      return chosen;
    }

    public boolean right() {
      return right;
    }

    /** When it was given (ISO-8601). */
    public String at() {
      return at;
    }

    /** The first answer given to this question: this one, unless it was answered again. */
    public Answer firstAnswer() {
      return first == null ? this : first;
    }

    /** True when the question was answered more than once. */
    public boolean answeredAgain() {
      return first != null;
    }
  }

  /**
   * One line a learner wrote for an exercise: the checks it failed (empty: it passed), or why it
   * could not start at all; and the hints and solution they had seen when they wrote it.
   */
  @JsonAutoDetect(
      fieldVisibility = Visibility.ANY,
      getterVisibility = Visibility.NONE,
      isGetterVisibility = Visibility.NONE)
  public static final class Attempt {
    private String line;
    private List<String> failed = new ArrayList<>();
    private String at;

    /**
     * Why the line never ran (the lab refused it, the engine could not start it); null if it ran.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private String notStarted;

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    private int hintsBefore;

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    private boolean solutionSeen;

    /**
     * The verdict's word (passed, failed, skipped); null in files written before verdicts were
     * kept, where a skipped line and a passed one look alike.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private String verdict;

    /** The engine facts the line was judged on; null when unknown (older files, never ran). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private JudgedOn judgedOn;

    /** The community challenge's score for this line; null for an exercise's line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private Integer score;

    /** The challenge's threshold the score was held to; null for an exercise's line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private Integer minScore;

    public String line() {
      return line;
    }

    public List<String> failed() {
      return Collections.unmodifiableList(failed);
    }

    public String at() {
      return at;
    }

    /** Why the line could not start; null when it ran and its checks judged it. */
    public String notStarted() {
      return notStarted;
    }

    /** It ran, and every check passed (a line this host could not judge, skipped, did not pass). */
    public boolean passed() {
      return notStarted == null
          && failed.isEmpty()
          && (verdict == null || verdict.equals("passed"));
    }

    /** How many hints the learner had taken when they wrote it. */
    public int hintsBefore() {
      return hintsBefore;
    }

    /** Whether the solution had been shown when they wrote it. */
    public boolean solutionSeen() {
      return solutionSeen;
    }

    /**
     * The verdict's word: as recorded, or for older records what the record still shows (refused,
     * failed); null when it cannot tell passed from skipped.
     */
    public String verdict() {
      if (verdict != null) {
        return verdict;
      }
      return notStarted != null ? "refused" : failed.isEmpty() ? null : "failed";
    }

    /** The engine facts it was judged on; null when not recorded. */
    public JudgedOn judgedOn() {
      return judgedOn;
    }

    /** The challenge's score for it; null for an exercise's line. */
    public Integer score() {
      return score;
    }

    /** The challenge's threshold it was held to; null for an exercise's line. */
    public Integer minScore() {
      return minScore;
    }
  }

  /** One demo's record. */
  @JsonAutoDetect(
      fieldVisibility = Visibility.ANY,
      getterVisibility = Visibility.NONE,
      isGetterVisibility = Visibility.NONE)
  public static final class DemoProgress {
    private DemoStatus status = DemoStatus.NEW;
    private int attempts;
    private int hintsUsed;
    private String firstRun;
    private String lastRun;
    private String lastOutcome;

    /** What the learner predicted before the first run, when the demo asks. */
    private Answer prediction;

    /** An exercise's attempts, in order: the learner's lines and what each failed. */
    private List<Attempt> lines = new ArrayList<>();

    private boolean solutionShown;

    DemoProgress() {}

    /** Two windows' records of one demo, combined by {@link ProgressMerge}. */
    DemoProgress(
        DemoStatus status,
        int attempts,
        int hintsUsed,
        String firstRun,
        String lastRun,
        String lastOutcome,
        Answer prediction,
        List<Attempt> lines,
        boolean solutionShown) {
      this.status = status;
      this.attempts = attempts;
      this.hintsUsed = hintsUsed;
      this.firstRun = firstRun;
      this.lastRun = lastRun;
      this.lastOutcome = lastOutcome;
      this.prediction = prediction;
      this.lines = lines;
      this.solutionShown = solutionShown;
    }

    public DemoStatus status() {
      return status;
    }

    public int attempts() {
      return attempts;
    }

    public int hintsUsed() {
      return hintsUsed;
    }

    public String firstRun() {
      return firstRun;
    }

    public String lastRun() {
      return lastRun;
    }

    public String lastOutcome() {
      return lastOutcome;
    }

    /** The prediction asked before the first run; null when none was given (yet). */
    public Answer prediction() {
      return prediction;
    }

    public List<Attempt> lines() {
      return Collections.unmodifiableList(lines);
    }

    public boolean solutionShown() {
      return solutionShown;
    }

    /** Whether the learner has tried it: run it, or written a line for it. */
    public boolean tried() {
      return attempts > 0 || !lines.isEmpty();
    }

    /** The line of the progress table: "passed, 2 run(s), 1 hint(s)". */
    public String summary() {
      return status.word()
          + ", "
          + attempts
          + " run(s)"
          + (hintsUsed > 0 ? ", " + hintsUsed + " hint(s)" : "");
    }
  }

  /** Takes {@code other}'s content: after a save, a window sees what other windows recorded. */
  public void replaceWith(Progress other) {
    schema = other.schema;
    learner = other.learner;
    episode = other.episode;
    position = other.position;
    visited = new ArrayList<>(other.visited);
    demos = new LinkedHashMap<>(other.demos);
    quiz = new LinkedHashMap<>(other.quiz);
  }

  /** The learner opened an episode: the progress table and export follow it. */
  public void enterEpisode(String episodeId) {
    episode = episodeId;
  }

  /** Records an exercise attempt: the learner's line and the check types it failed. */
  public void recordLine(String demoId, String line, List<String> failedChecks) {
    Attempt a = attempt(demoId, line);
    a.failed = new ArrayList<>(failedChecks);
  }

  /**
   * Records an exercise attempt with its verdict and the engine facts it was judged on, so that an
   * instructor can judge the line again and see what the learner's engine could show.
   */
  public void recordLine(
      String demoId, String line, List<String> failedChecks, String verdict, JudgedOn judgedOn) {
    Attempt a = attempt(demoId, line);
    a.failed = new ArrayList<>(failedChecks);
    a.verdict = verdict;
    a.judgedOn = judgedOn;
  }

  /**
   * Records a line the learner took the community challenge with: its verdict, score and the engine
   * facts it was scored on (the same line scores differently rootless and rootful), so an
   * instructor can judge it again. The challenge's pass is recorded apart, as a run.
   */
  public void recordChallengeLine(
      String line, boolean passed, int score, int minScore, JudgedOn judgedOn) {
    Attempt a = attempt(ClassReport.CHALLENGE, line);
    a.verdict = passed ? "passed" : "failed";
    a.score = score;
    a.minScore = minScore;
    a.judgedOn = judgedOn;
  }

  /**
   * Records a run that never started — the lab refused the line, or the engine could not start it —
   * as such: never a run whose checks passed. {@code line} is the learner's exercise line, or null
   * for a demo's own.
   */
  public void recordNotStarted(String demoId, String line, String why) {
    if (line != null) {
      attempt(demoId, line).notStarted = why;
    }
    DemoProgress d = demo(demoId);
    d.lastRun = Instant.now().toString();
    d.lastOutcome = "could not start: " + why;
  }

  private Attempt attempt(String demoId, String line) {
    DemoProgress d = demo(demoId);
    Attempt a = new Attempt();
    a.line = line;
    a.at = Instant.now().toString();
    a.hintsBefore = d.hintsUsed;
    a.solutionSeen = d.solutionShown;
    d.lines.add(a);
    return a;
  }

  /** Keeps a quiz answer; answered again, the first answer stays beside the latest. */
  public void answer(String lessonId, int question, int chosen, boolean right) {
    Map<String, Answer> answers = quiz.computeIfAbsent(lessonId, k -> new LinkedHashMap<>());
    Answer before = answers.get(Integer.toString(question));
    Answer now = Answer.of(chosen, right);
    now.first = before == null ? null : before.firstAnswer();
    answers.put(Integer.toString(question), now);
  }

  /**
   * The demo's record, created (status new) when the learner had none: asking about a demo — a
   * hint, a prediction — already counts as having started it.
   */
  public DemoProgress demo(String id) {
    return demos.computeIfAbsent(id, k -> new DemoProgress());
  }

  /** Whether the learner has any record of this demo (ran it, or asked about it). */
  public boolean touched(String demoId) {
    return demos.containsKey(demoId);
  }

  /** Records a run: passed, or failed with how many checks. */
  public void recordRun(String demoId, boolean passed, String outcome) {
    DemoProgress d = demo(demoId);
    String now = Instant.now().toString();
    d.attempts++;
    d.firstRun = d.firstRun == null ? now : d.firstRun;
    d.lastRun = now;
    d.lastOutcome = outcome;
    if (passed) {
      d.status = DemoStatus.PASSED;
    } else if (d.status != DemoStatus.PASSED) {
      d.status = DemoStatus.FAILED;
    }
  }

  /**
   * Records a run this host could not judge (every step skipped, or a protection it cannot show):
   * counted as an attempt, said in the outcome, and never a pass — the status stays as it was.
   */
  public void recordSkipped(String demoId, String outcome) {
    DemoProgress d = demo(demoId);
    String now = Instant.now().toString();
    d.attempts++;
    d.firstRun = d.firstRun == null ? now : d.firstRun;
    d.lastRun = now;
    d.lastOutcome = outcome;
  }

  /** Records the learner's prediction before a demo's run; returns it for judging after the run. */
  public Answer recordPrediction(String demoId, int chosen, boolean right) {
    DemoProgress d = demo(demoId);
    d.prediction = Answer.of(chosen, right);
    return d.prediction;
  }

  /**
   * Counts a hint asked for, of {@code available} hints; returns the index of the one to show: the
   * next, or the last again once all were shown.
   */
  public int takeHint(String demoId, int available) {
    DemoProgress d = demo(demoId);
    int shown = Math.min(d.hintsUsed, available - 1);
    d.hintsUsed = Math.min(d.hintsUsed + 1, available);
    return shown;
  }

  public void markSolutionShown(String demoId) {
    demo(demoId).solutionShown = true;
  }

  public boolean passed(String demoId) {
    DemoProgress d = demos.get(demoId);
    return d != null && d.status == DemoStatus.PASSED;
  }

  public void visit(String lessonId) {
    position = lessonId;
    if (!visited.contains(lessonId)) {
      visited.add(lessonId);
    }
  }

  public boolean hasVisited(String lessonId) {
    return visited.contains(lessonId);
  }

  /** Forgets one demo: its runs, hints, prediction and lines. */
  public void forget(String demoId) {
    demos.remove(demoId);
  }

  /** Forgets every demo and visit; quiz answers stay, as they always have. */
  public void forgetAll() {
    demos.clear();
    visited.clear();
  }
}
