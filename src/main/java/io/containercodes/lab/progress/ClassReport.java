package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An instructor's view of a class: many learners' exports as a table of learners × lessons.
 * A file that is not an export is listed with the reason, never silently dropped.
 */
public final class ClassReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One learner's row: lesson id → status mark. */
  public record Row(String learner, Map<String, String> lessons, int demosPassed, boolean challengePassed) {}

  /** The progress entry the REPL keeps for the community challenge, beside the demos. */
  public static final String CHALLENGE = "challenge";

  public record Result(List<String> lessonIds, List<Row> rows, List<String> skipped) {}

  public Result read(Path dir) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> lessonIds = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      JsonNode n;
      try {
        n = JSON.readTree(f.toFile());
      } catch (IOException e) {
        skipped.add(f.getFileName() + ": not valid JSON (" + e.getMessage().split("\n")[0] + ")");
        continue;
      }
      if (n == null || !ProgressExport.FORMAT.equals(n.path("format").asText())) {
        skipped.add(f.getFileName() + ": not a cclab progress export");
        continue;
      }
      Map<String, String> lessons = new LinkedHashMap<>();
      for (JsonNode l : n.path("lessons")) {
        String id = String.format("%02d", l.path("number").asInt()) + " " + l.path("id").asText();
        if (!lessonIds.contains(id)) {
          lessonIds.add(id);
        }
        String status = l.path("status").asText();
        lessons.put(id, status.equals("done") ? "✓" : status.equals("started") ? "•" : "○");
      }
      int passed = 0;
      boolean challenge = false;
      for (var it = n.path("demos").fields(); it.hasNext(); ) {
        var d = it.next();
        boolean ok = "passed".equals(d.getValue().path("status").asText());
        if (CHALLENGE.equals(d.getKey())) {
          challenge = ok;
        } else {
          passed += ok ? 1 : 0;
        }
      }
      rows.add(new Row(n.path("learner").asText("?"), lessons, passed, challenge));
    }
    lessonIds.sort(String::compareTo);
    return new Result(lessonIds, rows, skipped);
  }

  public static String markdown(Result r) {
    StringBuilder sb = new StringBuilder("| learner | ");
    r.lessonIds().forEach(id -> sb.append(id.substring(0, 2)).append(" | "));
    sb.append("demos passed | challenge |\n|---|");
    r.lessonIds().forEach(id -> sb.append(":-:|"));
    sb.append("--:|:-:|\n");
    for (Row row : r.rows()) {
      sb.append("| ").append(row.learner().replace("|", "\\|")).append(" | ");
      r.lessonIds().forEach(id -> sb.append(row.lessons().getOrDefault(id, "○")).append(" | "));
      sb.append(row.demosPassed()).append(" | ").append(row.challengePassed() ? "✓" : "○").append(" |\n");
    }
    sb.append("\nLessons: ");
    r.lessonIds().forEach(id -> sb.append(id).append("; "));
    sb.setLength(sb.length() - 2);
    sb.append("\n✓ done · • started · ○ not started\n");
    return sb.toString();
  }

  public static String csv(Result r) {
    StringBuilder sb = new StringBuilder("learner");
    r.lessonIds().forEach(id -> sb.append(',').append(id.replace(' ', '-')));
    sb.append(",demos_passed,challenge\n");
    for (Row row : r.rows()) {
      sb.append('"').append(row.learner().replace("\"", "\"\"")).append('"');
      r.lessonIds().forEach(id -> sb.append(',').append(switch (row.lessons().getOrDefault(id, "○")) {
        case "✓" -> "done";
        case "•" -> "started";
        default -> "not-started";
      }));
      sb.append(',').append(row.demosPassed()).append(',').append(row.challengePassed() ? "passed" : "not-passed").append('\n');
    }
    return sb.toString();
  }
}
