package io.containercodes.lab.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's progress through the lab, as stored on disk (schema {@value #SCHEMA}). Mutable:
 * the REPL updates it and {@link ProgressStore} writes it after every change.
 */
public final class Progress {
  public static final int SCHEMA = 1;

  public int schema = SCHEMA;
  public String learner;
  public String episode;
  /** The lesson id the learner is on. */
  public String position;
  public List<String> visited = new ArrayList<>();
  public Map<String, DemoProgress> demos = new LinkedHashMap<>();

  /** One demo's record. */
  public static final class DemoProgress {
    public String status = "new";
    public int attempts;
    public int hintsUsed;
    public String firstRun;
    public String lastRun;
    public String lastOutcome;
  }

  /** Takes {@code other}'s content: after a save, a window sees what other windows recorded. */
  public void replaceWith(Progress other) {
    schema = other.schema;
    learner = other.learner;
    episode = other.episode;
    position = other.position;
    visited = new ArrayList<>(other.visited);
    demos = new LinkedHashMap<>(other.demos);
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
