package io.containercodes.lab.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's progress through the lab, as stored on disk (schema {@value #SCHEMA}). Mutable: the
 * REPL updates it and {@link ProgressStore} writes it after every change.
 */
public final class Progress {
  /**
   * 2 added predictions, exercise attempts, the solution flag and quiz answers; a schema-1 file
   * reads as is.
   */
  public static final int SCHEMA = 2;

  public int schema = SCHEMA;
  public String learner;
  public String episode;

  /** The lesson id the learner is on. */
  public String position;

  public List<String> visited = new ArrayList<>();
  public Map<String, DemoProgress> demos = new LinkedHashMap<>();

  /** Lesson id → question number (1-based, as text) → the learner's answer. */
  public Map<String, Map<String, Answer>> quiz = new LinkedHashMap<>();

  /** A multiple-choice answer: a prediction before a demo, or a quiz answer. */
  public static final class Answer {
    public int chosen;
    public boolean right;
    public String at;

    public static Answer of(int chosen, boolean right) {
      Answer a = new Answer();
      a.chosen = chosen;
      a.right = right;
      a.at = Instant.now().toString();
      return a;
    }
  }

  /** One line a learner wrote for an exercise, and the checks it failed (empty: it passed). */
  public static final class Attempt {
    public String line;
    public List<String> failed = new ArrayList<>();
    public String at;
  }

  /** One demo's record. */
  public static final class DemoProgress {
    public String status = "new";
    public int attempts;
    public int hintsUsed;
    public String firstRun;
    public String lastRun;
    public String lastOutcome;

    /** What the learner predicted before the first run, when the demo asks. */
    public Answer prediction;

    /** An exercise's attempts, in order: the learner's lines and what each failed. */
    public List<Attempt> lines = new ArrayList<>();

    public boolean solutionShown;
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

  /** Records an exercise attempt: the learner's line and the check types it failed. */
  public void recordLine(String demoId, String line, List<String> failedChecks) {
    Attempt a = new Attempt();
    a.line = line;
    a.failed = new ArrayList<>(failedChecks);
    a.at = Instant.now().toString();
    demo(demoId).lines.add(a);
  }

  public void answer(String lessonId, int question, int chosen, boolean right) {
    quiz.computeIfAbsent(lessonId, k -> new LinkedHashMap<>())
        .put(Integer.toString(question), Answer.of(chosen, right));
  }

  public DemoProgress demo(String id) {
    return demos.computeIfAbsent(id, k -> new DemoProgress());
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
      d.status = "passed";
    } else if (!"passed".equals(d.status)) {
      d.status = "failed";
    }
  }

  public boolean passed(String demoId) {
    DemoProgress d = demos.get(demoId);
    return d != null && "passed".equals(d.status);
  }

  public void visit(String lessonId) {
    position = lessonId;
    if (!visited.contains(lessonId)) {
      visited.add(lessonId);
    }
  }
}
