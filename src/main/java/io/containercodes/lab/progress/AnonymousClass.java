package io.containercodes.lab.progress;

import io.containercodes.lab.progress.ClassReport.Result;
import io.containercodes.lab.progress.ClassReport.Row;
import io.containercodes.lab.render.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A class report with every learner's name replaced by their pseudonym ({@link Pseudonyms}), for
 * {@code cclab report --anonymise}: the rows, and the file names too — a hand-in is named after its
 * learner, and file names appear on the page and in the list of skipped files. The lines learners
 * wrote stay as written. The renderings read the result as they read any other, so none of them can
 * show a name it was not given.
 */
public final class AnonymousClass {
  private AnonymousClass() {}

  /**
   * {@code r} with pseudonyms; {@code fileNames} are the names of the files of the folder read, so
   * that a skipped file's reason, which names files, names them by their labels.
   */
  public static Result of(Result r, Pseudonyms p, List<String> fileNames) {
    // one pass, the longest name first: a name inside another, or inside a label, stays as it is
    Pattern names =
        Pattern.compile(
            fileNames.stream()
                .map(SafeText::escapeLine)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|", "(?:", ")")));
    List<Row> rows =
        r.rows().stream()
            .map(
                row ->
                    new Row(
                        p.file(row.file()),
                        p.learner(row.learner()),
                        row.lessons(),
                        row.demos(),
                        row.exercises(),
                        row.quiz(),
                        row.predictions(),
                        row.lines()))
            .toList();
    List<String> skipped = r.skipped().stream().map(s -> relabel(s, names, p)).toList();
    return new Result(
        r.episodeId(), r.columns(), rows, skipped, r.files(), r.predictionQuestions());
  }

  /** {@link #of(Result, Pseudonyms, List)} with the names of the .json files in {@code dir}. */
  public static Result of(Result r, Pseudonyms p, Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return of(r, p, s.map(f -> f.getFileName().toString()).toList());
    }
  }

  private static String relabel(String skipped, Pattern names, Pseudonyms p) {
    if (names.pattern().equals("(?:)")) {
      return skipped;
    }
    return names.matcher(skipped).replaceAll(m -> Matcher.quoteReplacement(p.file(m.group())));
  }
}
