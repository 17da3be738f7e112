package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.lesson.Lesson;
import io.containercodes.lab.render.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An instructor's view of a class: many learners' exports as a table of learners × lessons of
 * one episode. Exports are other people's files: each is checked against the episode
 * ({@link ExportCheck}) and one that does not fit is listed with its reason, never counted
 * and never silently dropped. Names are escaped for each output: Markdown ({@link ReportCells}),
 * CSV (formula injection) and the terminal ({@link SafeText}).
 */
public final class ClassReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** An export is a few kilobytes; a bigger file is not one, and is not read into memory. */
  static final long MAX_FILE_BYTES = 1 << 20;

  /** One learner's row: lesson column → status mark. */
  public record Row(String file, String learner, Map<String, String> lessons, int demosPassed, boolean challengePassed) {}

  /** The progress entry the REPL keeps for the community challenge, beside the demos. */
  public static final String CHALLENGE = "challenge";

  /** {@code files}: how many .json files the folder held, counted or not. */
  public record Result(List<String> lessonIds, List<Row> rows, List<String> skipped, int files) {}

  private final Episode episode;

  public ClassReport(Episode episode) {
    this.episode = episode;
  }

  /** A lesson's column: "04 resource-limits". */
  static String column(Lesson lesson) {
    return String.format("%02d", lesson.number()) + " " + lesson.id();
  }

  public Result read(Path dir) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    ExportCheck check = new ExportCheck(episode);
    for (Path f : files) {
      String name = SafeText.escapeLine(f.getFileName().toString());
      try {
        if (!Files.isRegularFile(f) || Files.size(f) > MAX_FILE_BYTES) {
          skipped.add(name + ": not an export (" + (Files.isRegularFile(f) ? Files.size(f) + " bytes" : "not a file") + ")");
          continue;
        }
        JsonNode n = JSON.readTree(f.toFile());
        rows.add(check.row(name, n));
      } catch (ExportCheck.Rejected e) {
        skipped.add(name + ": " + e.getMessage());
      } catch (IOException e) {
        skipped.add(name + ": not valid JSON (" + SafeText.escapeLine(String.valueOf(e.getMessage()).split("\n")[0]) + ")");
      }
    }
    List<String> lessonIds = episode.lessons().stream().map(ClassReport::column).toList();
    return new Result(lessonIds, rows, skipped, files.size());
  }

  /** The table as Markdown; learner names are escaped so they stay one cell of one row. */
  public static String markdown(Result r) {
    StringBuilder sb = new StringBuilder("| learner | ");
    r.lessonIds().forEach(id -> sb.append(id.substring(0, 2)).append(" | "));
    sb.append("demos passed | challenge |\n|---|");
    r.lessonIds().forEach(id -> sb.append(":-:|"));
    sb.append("--:|:-:|\n");
    for (Row row : r.rows()) {
      sb.append("| ").append(ReportCells.markdown(row.learner())).append(" | ");
      r.lessonIds().forEach(id -> sb.append(row.lessons().getOrDefault(id, LessonStatus.NOT_STARTED.mark())).append(" | "));
      sb.append(row.demosPassed()).append(" | ").append(row.challengePassed() ? "✓" : "○").append(" |\n");
    }
    sb.append("\nLessons: ");
    r.lessonIds().forEach(id -> sb.append(ReportCells.markdown(id)).append("; "));
    sb.setLength(sb.length() - 2);
    sb.append("\n✓ done · • started · ○ not started\n");
    return sb.toString();
  }

  /** The table as CSV (RFC 4180), with every cell safe to open in a spreadsheet. */
  public static String csv(Result r) {
    StringBuilder sb = new StringBuilder("learner");
    r.lessonIds().forEach(id -> sb.append(',').append(ReportCells.csv(id.replace(' ', '-'))));
    sb.append(",demos_passed,challenge\r\n");
    for (Row row : r.rows()) {
      sb.append(ReportCells.csv(row.learner()));
      r.lessonIds().forEach(id -> sb.append(',').append(switch (row.lessons().getOrDefault(id, "○")) {
        case "✓" -> "done";
        case "•" -> "started";
        default -> "not-started";
      }));
      sb.append(',').append(row.demosPassed()).append(',').append(row.challengePassed() ? "passed" : "not-passed").append("\r\n");
    }
    return sb.toString();
  }
}
