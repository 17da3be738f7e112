package io.containercodes.lab.progress;

import io.containercodes.lab.progress.ClassReport.Result;
import io.containercodes.lab.progress.ClassReport.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per exercise, the wrong lines the room wrote, grouped by answer rather than by spelling ({@link
 * AnswerKey}): the most common first, each with the explanation the lab gave — the checks it
 * failed, or why it never ran. The lines are the learners' own text: each rendering escapes them.
 */
public final class WrongLines {
  /** The groups shown per exercise; the rest are counted, not listed. */
  public static final int MAX_GROUPS = 5;

  /**
   * One answer: the spelling most learners used (the first seen on a tie), how many wrong lines and
   * learners gave it, in how many spellings, and the explanations they got, most common first:
   * failed check → lines, and why-it-never-ran → lines.
   */
  public record Group(
      String example,
      int lines,
      int learners,
      int spellings,
      Map<String, Integer> failed,
      Map<String, Integer> notStarted) {
    public Group {
      failed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failed));
      notStarted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notStarted));
    }
  }

  /**
   * One exercise: its wrong lines and the learners who wrote them, the largest groups, and how many
   * groups more there were.
   */
  public record Exercise(String demoId, int lines, int learners, List<Group> groups, int more) {
    public Exercise {
      groups = List.copyOf(groups);
    }
  }

  private WrongLines() {}

  /** Each exercise with a wrong line, in the episode's order (then any other). */
  public static List<Exercise> of(Result r) {
    Set<String> ids = new LinkedHashSet<>();
    r.columns().forEach(c -> ids.addAll(c.demoIds()));
    r.rows().forEach(row -> ids.addAll(row.lines().keySet()));
    List<Exercise> out = new ArrayList<>();
    for (String id : ids) {
      Exercise e = exercise(r, id);
      if (e.lines() > 0) {
        out.add(e);
      }
    }
    return out;
  }

  /** The wrong lines of one exercise, gathered by key in the order first seen. */
  private static Exercise exercise(Result r, String demoId) {
    Map<String, Gathered> byKey = new LinkedHashMap<>();
    Set<String> learners = new LinkedHashSet<>();
    int lines = 0;
    for (Row row : r.rows()) {
      for (ExportedLine l : row.lines().getOrDefault(demoId, List.of())) {
        if (l.wrong()) {
          byKey.computeIfAbsent(AnswerKey.of(l.line()), k -> new Gathered()).add(row, l);
          learners.add(row.file());
          lines++;
        }
      }
    }
    List<Group> groups =
        byKey.values().stream()
            .map(Gathered::group)
            .sorted(
                Comparator.comparingInt(Group::learners).thenComparingInt(Group::lines).reversed())
            .toList();
    return new Exercise(
        demoId,
        lines,
        learners.size(),
        groups.subList(0, Math.min(MAX_GROUPS, groups.size())),
        Math.max(0, groups.size() - MAX_GROUPS));
  }

  /** The lines of one answer, as they are found. */
  private static final class Gathered {
    final Map<String, Integer> spellings = new LinkedHashMap<>();
    final Set<String> learners = new LinkedHashSet<>();
    final Map<String, Integer> failed = new LinkedHashMap<>();
    final Map<String, Integer> notStarted = new LinkedHashMap<>();
    int lines;

    void add(Row row, ExportedLine l) {
      lines++;
      learners.add(row.file());
      spellings.merge(l.line().strip(), 1, Integer::sum);
      l.failed().stream().distinct().forEach(c -> failed.merge(c, 1, Integer::sum));
      if (l.notStarted() != null) {
        notStarted.merge(l.notStarted(), 1, Integer::sum);
      }
    }

    Group group() {
      String example =
          spellings.entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse("");
      return new Group(
          example,
          lines,
          learners.size(),
          spellings.size(),
          mostFirst(failed),
          mostFirst(notStarted));
    }

    private static Map<String, Integer> mostFirst(Map<String, Integer> counts) {
      Map<String, Integer> out = new LinkedHashMap<>();
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    }
  }
}
