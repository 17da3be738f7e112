package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.render.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An instructor's view of a class: many learners' exports read into one model ({@link Result}) of
 * learners × lessons of one episode, with the numbers an instructor looks for (completion per
 * lesson, the lesson where most learners stop, how each demo went). Three renderings read that one
 * model: Markdown and CSV here, HTML in {@link ClassPage}; none of them computes a number of its
 * own.
 *
 * <p>Exports are other people's files: each is checked against the episode ({@link ExportCheck})
 * and one that does not fit is listed with its reason, never counted and never silently dropped. A
 * learner who hands in twice (the first at the break, the second at the end) is counted once, from
 * the later export (by its "exported" time); the earlier file is listed as skipped, so two learners
 * who typed the same name show up there too. Names are escaped for each output: Markdown ({@link
 * ReportCells}), CSV (formula injection), the terminal ({@link SafeText}) and HTML ({@link
 * io.containercodes.lab.render.Html}).
 */
public final class ClassReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An export is a few kilobytes; a bigger file is not one, and is not read into memory. */
  static final long MAX_FILE_BYTES = 1 << 20;

  /** The progress entry the REPL keeps for the community challenge, beside the demos. */
  public static final String CHALLENGE = "challenge";

  /** A lesson's column: key "04 resource-limits", its number, id, title and the demos it places. */
  public record Column(String key, int number, String id, String title, List<String> demoIds) {
    public String number2() {
      return String.format("%02d", number);
    }
  }

  /** One demo (or the challenge) as a learner's export records it. */
  public record Attempt(String demoId, String status, int attempts, int hintsUsed, String lastRun) {
    public boolean passed() {
      return status.equals("passed");
    }

    /** Passed on the first run with no hint. */
    public boolean firstTry() {
      return passed() && attempts == 1 && hintsUsed == 0;
    }
  }

  /**
   * How a learner did on one exercise, once progress stores exercise attempts: solved on the first
   * try, after hints, with the solution shown, or not (yet). Exports carry none today.
   */
  public enum Solved {
    FIRST_TRY,
    AFTER_HINTS,
    WITH_SOLUTION,
    NOT_SOLVED
  }

  /**
   * One learner's row. {@code lessons}: column key → status; {@code demos}: demo id → attempt, in
   * the export's order; {@code exercises}; {@code quiz} (question id → answered right); {@code
   * predictions} (demo id → predicted right, for the demos whose prediction the learner answered);
   * {@code lines} (demo id → the exercise lines the learner wrote, for the demos that have any).
   */
  public record Row(
      String file,
      String learner,
      Map<String, LessonStatus> lessons,
      Map<String, Attempt> demos,
      Map<String, Solved> exercises,
      Map<String, Boolean> quiz,
      Map<String, Boolean> predictions,
      Map<String, List<ExportedLine>> lines) {
    public Row {
      lines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lines));
      lessons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lessons));
      demos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(demos));
      exercises = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exercises));
      quiz = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quiz));
      predictions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predictions));
    }

    /** A row whose export recorded no exercise line. */
    public Row(
        String file,
        String learner,
        Map<String, LessonStatus> lessons,
        Map<String, Attempt> demos,
        Map<String, Solved> exercises,
        Map<String, Boolean> quiz,
        Map<String, Boolean> predictions) {
      this(file, learner, lessons, demos, exercises, quiz, predictions, Map.of());
    }

    /** A row whose export recorded no prediction. */
    public Row(
        String file,
        String learner,
        Map<String, LessonStatus> lessons,
        Map<String, Attempt> demos,
        Map<String, Solved> exercises,
        Map<String, Boolean> quiz) {
      this(file, learner, lessons, demos, exercises, quiz, Map.of());
    }

    public LessonStatus status(String column) {
      return lessons.getOrDefault(column, LessonStatus.NOT_STARTED);
    }

    /** Passed demos of the episode; the community challenge is counted apart. */
    public int demosPassed() {
      return (int)
          demos.values().stream().filter(a -> a.passed() && !a.demoId().equals(CHALLENGE)).count();
    }

    public boolean challengePassed() {
      Attempt c = demos.get(CHALLENGE);
      return c != null && c.passed();
    }
  }

  /** One lesson's completion across the class. */
  public record Completion(Column lesson, int done, int started, int notStarted) {
    public int learners() {
      return done + started + notStarted;
    }

    /** Whole percent done, rounded down (12 of 12 is 100, 11 of 12 is 91). */
    public int donePercent() {
      return learners() == 0 ? 0 : done * 100 / learners();
    }
  }

  /**
   * The lesson where most learners stop: a learner stops at the first lesson, in order, that they
   * have not done; one who has done every lesson stops nowhere. Ties go to the earlier lesson.
   * {@code lesson} is null when every learner finished.
   */
  public record Stop(Column lesson, int learners, int of) {}

  /** How the class did on one demo or exercise: counts of learners. */
  public record Share(
      String id, int firstTry, int afterRetries, int withSolution, int notSolved, int notTried) {
    public int learners() {
      return firstTry + afterRetries + withSolution + notSolved + notTried;
    }
  }

  /** One quiz question: how many answered it, how many right. */
  public record QuizShare(String id, int right, int answered) {}

  /**
   * One demo's prediction question: how many learners answered it before the demo ran, and how many
   * predicted right. {@code question} is the demo's wording (made terminal-safe when it was loaded;
   * each rendering escapes it again for its own format).
   */
  public record PredictionShare(String demoId, String question, int right, int answered) {
    /** Whole percent right of those who answered, rounded down; 0 when nobody answered. */
    public int rightPercent() {
      return answered == 0 ? 0 : right * 100 / answered;
    }
  }

  /**
   * The model every rendering reads. {@code files}: how many .json files the folder held, counted
   * or not.
   */
  public record Result(
      String episodeId,
      List<Column> columns,
      List<Row> rows,
      List<String> skipped,
      int files,
      Map<String, String> predictionQuestions) {
    public Result {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
      skipped = List.copyOf(skipped);
      predictionQuestions =
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predictionQuestions));
    }

    /** A result that knows no prediction questions: each is shown by its demo's id. */
    public Result(
        String episodeId, List<Column> columns, List<Row> rows, List<String> skipped, int files) {
      this(episodeId, columns, rows, skipped, files, Map.of());
    }

    public List<Completion> completion() {
      return columns.stream()
          .map(
              c ->
                  new Completion(
                      c,
                      count(r -> r.status(c.key()) == LessonStatus.DONE),
                      count(r -> r.status(c.key()) == LessonStatus.STARTED),
                      count(r -> r.status(c.key()) == LessonStatus.NOT_STARTED)))
          .toList();
    }

    /** The first lesson this learner has not done, or null when they have done all. */
    public Column stoppedAt(Row row) {
      return columns.stream()
          .filter(c -> row.status(c.key()) != LessonStatus.DONE)
          .findFirst()
          .orElse(null);
    }

    public Stop stop() {
      Map<Column, Integer> stops = new LinkedHashMap<>();
      columns.forEach(c -> stops.put(c, 0));
      rows.forEach(
          r -> {
            Column c = stoppedAt(r);
            if (c != null) {
              stops.merge(c, 1, Integer::sum);
            }
          });
      Column most = null;
      int n = 0;
      for (var e : stops.entrySet()) {
        if (e.getValue() > n) {
          most = e.getKey();
          n = e.getValue();
        }
      }
      return new Stop(most, n, rows.size());
    }

    /**
     * Every demo of the episode, in lesson order: first try, after retries or hints, tried but not
     * passed, not run.
     */
    public List<Share> demoShares() {
      List<Share> out = new ArrayList<>();
      for (Column c : columns) {
        for (String d : c.demoIds()) {
          if (out.stream().noneMatch(s -> s.id().equals(d))) {
            out.add(
                new Share(
                    d,
                    count(r -> r.demos().containsKey(d) && r.demos().get(d).firstTry()),
                    count(
                        r ->
                            r.demos().containsKey(d)
                                && r.demos().get(d).passed()
                                && !r.demos().get(d).firstTry()),
                    0,
                    count(
                        r ->
                            r.demos().containsKey(d)
                                && !r.demos().get(d).passed()
                                && r.demos().get(d).attempts() > 0),
                    count(r -> !r.demos().containsKey(d) || r.demos().get(d).attempts() == 0)));
          }
        }
      }
      return out;
    }

    /** Exercises any export recorded, by id: empty until progress stores exercise attempts. */
    public List<Share> exerciseShares() {
      List<String> ids =
          rows.stream().flatMap(r -> r.exercises().keySet().stream()).distinct().toList();
      return ids.stream()
          .map(
              id ->
                  new Share(
                      id,
                      count(r -> r.exercises().get(id) == Solved.FIRST_TRY),
                      count(r -> r.exercises().get(id) == Solved.AFTER_HINTS),
                      count(r -> r.exercises().get(id) == Solved.WITH_SOLUTION),
                      count(r -> r.exercises().get(id) == Solved.NOT_SOLVED),
                      count(r -> !r.exercises().containsKey(id))))
          .toList();
    }

    /** Quiz questions any export recorded: empty until progress stores quiz answers. */
    public List<QuizShare> quizShares() {
      List<String> ids = rows.stream().flatMap(r -> r.quiz().keySet().stream()).distinct().toList();
      return ids.stream()
          .map(
              id ->
                  new QuizShare(
                      id,
                      count(r -> Boolean.TRUE.equals(r.quiz().get(id))),
                      count(r -> r.quiz().containsKey(id))))
          .toList();
    }

    /**
     * Each demo prediction some export answered, in the episode's order (then any other recorded
     * one): how much of the class saw the result coming.
     */
    public List<PredictionShare> predictionShares() {
      java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
      columns.forEach(c -> ids.addAll(c.demoIds()));
      java.util.Set<String> recorded = new java.util.HashSet<>();
      rows.forEach(r -> recorded.addAll(r.predictions().keySet()));
      ids.retainAll(recorded);
      rows.forEach(r -> ids.addAll(r.predictions().keySet()));
      return ids.stream()
          .map(
              id ->
                  new PredictionShare(
                      id,
                      predictionQuestions.getOrDefault(id, id),
                      count(r -> Boolean.TRUE.equals(r.predictions().get(id))),
                      count(r -> r.predictions().containsKey(id))))
          .toList();
    }

    private int count(java.util.function.Predicate<Row> p) {
      return (int) rows.stream().filter(p).count();
    }
  }

  private final Episode episode;

  public ClassReport(Episode episode) {
    this.episode = episode;
  }

  /** A lesson's column key: "04 resource-limits". */
  static String column(Lesson lesson) {
    return String.format("%02d", lesson.number()) + " " + lesson.id();
  }

  public Result read(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    Counted counted = new Counted(new ExportCheck(episode));
    files.forEach(counted::add);
    List<Column> columns =
        episode.lessons().stream()
            .map(
                l ->
                    new Column(
                        column(l),
                        l.number(),
                        l.id(),
                        l.title(),
                        l.demos().stream().map(Lesson.DemoRef::demoId).distinct().toList()))
            .toList();
    Map<String, String> questions = new LinkedHashMap<>();
    for (String id : episode.demoIds()) {
      episode.demo(id).map(Demo::prediction).ifPresent(q -> questions.put(id, q.text()));
    }
    return new Result(
        episode.id(), columns, counted.rows, counted.skipped, files.size(), questions);
  }

  /**
   * The exports counted so far, one row per learner (the latest hand-in), and those skipped with
   * why.
   */
  private static final class Counted {
    final ExportCheck check;
    final List<Row> rows = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final Map<String, Instant> exported = new HashMap<>();

    Counted(ExportCheck check) {
      this.check = check;
    }

    void add(Path f) {
      String name = SafeText.escapeLine(f.getFileName().toString());
      try {
        if (!Files.isRegularFile(f) || Files.size(f) > MAX_FILE_BYTES) {
          skipped.add(
              name
                  + ": not an export ("
                  + (Files.isRegularFile(f) ? Files.size(f) + " bytes" : "not a file")
                  + ")");
          return;
        }
        JsonNode n = JSON.readTree(f.toFile());
        add(name, check.row(name, n), exportedAt(n));
      } catch (ExportCheck.Rejected e) {
        skipped.add(name + ": " + e.getMessage());
      } catch (IOException e) {
        skipped.add(
            name
                + ": not valid JSON ("
                + SafeText.escapeLine(firstLine(String.valueOf(e.getMessage())))
                + ")");
      }
    }

    /** A later hand-in of the same learner replaces the earlier one, which is listed skipped. */
    private void add(String name, Row row, Instant when) {
      Row earlier =
          rows.stream().filter(r -> r.learner().equals(row.learner())).findFirst().orElse(null);
      if (earlier == null) {
        rows.add(row);
        exported.put(row.file(), when);
      } else if (!when.isBefore(exported.get(earlier.file()))) {
        rows.set(rows.indexOf(earlier), row);
        exported.put(row.file(), when);
        skipped.add(
            earlier.file()
                + ": an earlier export of the same learner as "
                + row.file()
                + " (the later one counts)");
      } else {
        skipped.add(
            name
                + ": an earlier export of the same learner as "
                + earlier.file()
                + " (the later one counts)");
      }
    }
  }

  /** When the export was written; a missing or hand-edited time counts as the earliest. */
  private static Instant exportedAt(JsonNode n) {
    try {
      return Instant.parse(n.path("exported").asText());
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /**
   * The table as Markdown, then the class's numbers; learner names are escaped so they stay one
   * cell of one row (and are safe on a terminal).
   */
  public static String markdown(Result r) {
    StringBuilder sb = new StringBuilder();
    markdownGrid(sb, r);
    markdownNumbers(sb, r);
    sb.append(
        """

        | demo | first try | after retries or hints | tried, not passed | not run |
        |---|--:|--:|--:|--:|
        """);
    r.demoShares()
        .forEach(
            d ->
                sb.append("| ")
                    .append(ReportCells.markdown(d.id()))
                    .append(" | ")
                    .append(d.firstTry())
                    .append(" | ")
                    .append(d.afterRetries())
                    .append(" | ")
                    .append(d.notSolved())
                    .append(" | ")
                    .append(d.notTried())
                    .append(" |\n"));
    List<PredictionShare> predictions = r.predictionShares();
    if (!predictions.isEmpty()) {
      sb.append(
          """

          | prediction | demo | predicted right | answered |
          |---|---|--:|--:|
          """);
      predictions.forEach(
          p ->
              sb.append("| ")
                  .append(ReportCells.markdown(p.question()))
                  .append(" | ")
                  .append(ReportCells.markdown(p.demoId()))
                  .append(" | ")
                  .append(p.right())
                  .append(" (")
                  .append(p.rightPercent())
                  .append(" %) | ")
                  .append(p.answered())
                  .append(" |\n"));
    }
    return sb.toString();
  }

  /** Learners × lessons, and the lessons' names. */
  private static void markdownGrid(StringBuilder sb, Result r) {
    sb.append("| learner | ");
    r.columns().forEach(c -> sb.append(c.number2()).append(" | "));
    sb.append("demos passed | challenge |\n|---|");
    r.columns().forEach(c -> sb.append(":-:|"));
    sb.append("--:|:-:|\n");
    for (Row row : r.rows()) {
      sb.append("| ").append(ReportCells.markdown(row.learner())).append(" | ");
      r.columns().forEach(c -> sb.append(row.status(c.key()).mark()).append(" | "));
      sb.append(row.demosPassed())
          .append(" | ")
          .append(row.challengePassed() ? "✓" : "○")
          .append(" |\n");
    }
    sb.append("\nLessons: ");
    r.columns().forEach(c -> sb.append(ReportCells.markdown(c.key())).append("; "));
    sb.setLength(sb.length() - 2);
    sb.append("\n✓ done · • started · ○ not started\n");
  }

  /** Done per lesson, and where most learners stop. */
  private static void markdownNumbers(StringBuilder sb, Result r) {
    sb.append("\nDone per lesson: ");
    r.completion()
        .forEach(
            c ->
                sb.append(c.lesson().number2())
                    .append(' ')
                    .append(c.done())
                    .append('/')
                    .append(c.learners())
                    .append(" · "));
    sb.setLength(sb.length() - 3);
    Stop stop = r.stop();
    sb.append("\nMost learners stop at: ")
        .append(
            stop.lesson() == null
                ? "nowhere — everyone finished"
                : ReportCells.markdown(stop.lesson().key())
                    + " ("
                    + stop.learners()
                    + " of "
                    + stop.of()
                    + ")")
        .append('\n');
  }

  /** The grid as CSV (RFC 4180), with every cell safe to open in a spreadsheet. */
  public static String csv(Result r) {
    StringBuilder sb = new StringBuilder("learner");
    r.columns().forEach(c -> sb.append(',').append(ReportCells.csv(c.key().replace(' ', '-'))));
    sb.append(",demos_passed,challenge\r\n");
    for (Row row : r.rows()) {
      sb.append(ReportCells.csv(row.learner()));
      r.columns().forEach(c -> sb.append(',').append(word(row.status(c.key()))));
      sb.append(',')
          .append(row.demosPassed())
          .append(',')
          .append(row.challengePassed() ? "passed" : "not-passed")
          .append("\r\n");
    }
    return sb.toString();
  }

  /** The export's word for a status: done, started, not-started. */
  public static String word(LessonStatus s) {
    return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
