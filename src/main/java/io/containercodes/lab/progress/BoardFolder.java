package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.audit.RunLineFile;
import io.containercodes.lab.lesson.Episode;
import io.containercodes.lab.progress.ChallengeBoard.Submission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder of challenge submissions: one file per participant, named by the participant ({@code
 * alice.txt} is alice), holding one run line ({@code .txt}, or a {@code .sh} script whose run line
 * is found as {@code --line-from} finds it), or a learner's progress export ({@code .json}, checked
 * as the class report checks it), whose last challenge line is the learner's submission under the
 * name they chose; any other file is skipped with its reason. Nothing is lost: every file is a
 * submission or a skipped line.
 */
public final class BoardFolder {
  /** The endings a submission may have. */
  public static final List<String> EXTENSIONS = List.of(".txt", ".sh", ".json");

  private static final ObjectMapper JSON = new ObjectMapper();

  public record Read(List<Submission> submissions, List<String> skipped) {}

  private BoardFolder() {}

  /** The submissions in {@code dir}; exports are read as exports of {@code episode}. */
  public static Read read(Path dir, Episode episode) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInput(
          Quote.input(dir) + " is not a folder.",
          "Give the folder that holds the submissions, one file per participant.");
    }
    List<Submission> submissions = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Path f : files(dir)) {
      String name = f.getFileName().toString();
      String why = skipReason(f, name);
      Submission s = null;
      if (why == null) {
        try {
          s = name.endsWith(".json") ? fromExport(f, name, episode) : submission(f, name);
        } catch (ExportCheck.Rejected e) {
          why = e.getMessage();
        }
      }
      if (s != null && !seen.add(s.participant())) {
        why =
            "a second file for participant " + Quote.input(s.participant()) + "; the first counts";
      }
      if (why != null) {
        skipped.add(name + ": " + why);
      } else {
        submissions.add(s);
      }
    }
    return new Read(submissions, skipped);
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new InvalidInput("Cannot read " + Quote.input(dir) + ": " + e.getMessage(), null);
    }
  }

  private static String skipReason(Path f, String name) {
    if (!Files.isRegularFile(f)) {
      return "not a file";
    }
    if (EXTENSIONS.stream().noneMatch(name::endsWith) || participant(name).isEmpty()) {
      return "not a submission (a submission is PARTICIPANT.txt, PARTICIPANT.sh or a progress"
          + " export)";
    }
    return null;
  }

  /**
   * An export's last challenge line, as the learner's submission under the name they chose; an
   * export that is not one of {@code episode}, or that carries no challenge line, says why.
   */
  private static Submission fromExport(Path f, String name, Episode episode)
      throws ExportCheck.Rejected {
    JsonNode n;
    try {
      if (Files.size(f) > ClassReport.MAX_FILE_BYTES) {
        throw new ExportCheck.Rejected("not an export (larger than any export)");
      }
      n = JSON.readTree(f.toFile());
    } catch (IOException e) {
      throw new ExportCheck.Rejected("not valid JSON");
    }
    ClassReport.Row row = new ExportCheck(episode).row(name, n);
    List<ExportLines.Submitted> lines =
        ExportLines.of(episode, row, n).lines().stream()
            .filter(ExportLines.Submitted::challenge)
            .toList();
    if (lines.isEmpty()) {
      throw new ExportCheck.Rejected("an export with no challenge line (cclab challenge keeps it)");
    }
    return new Submission(
        row.learner(), name, modified(f), lines.get(lines.size() - 1).line(), null);
  }

  static String participant(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? fileName : fileName.substring(0, dot);
  }

  /** The file's line and when it was last changed; a file without one line says why. */
  private static Submission submission(Path f, String name) {
    String participant = participant(name);
    Instant modified = modified(f);
    try {
      RunLineFile.Located found = RunLineFile.find(f, null);
      return new Submission(participant, name, modified, found.text(), null);
    } catch (InvalidInput e) {
      String why =
          e.getMessage().replace(Quote.input(f), name).replace(f.toString(), name)
              + " A submission holds one run line.";
      return new Submission(participant, name, modified, null, why);
    }
  }

  private static Instant modified(Path f) {
    try {
      // whole seconds: the page states them, and a tie is decided on what it states
      return Files.getLastModifiedTime(f).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (IOException e) {
      throw new InvalidInput("Cannot read " + Quote.input(f) + ": " + e.getMessage(), null);
    }
  }
}
