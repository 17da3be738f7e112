package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.demo.JudgedOn;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exercise's lines in an export ({@code demos.ID.lines}, added to format version 1: older
 * readers ignore it; {@link ProgressExport} writes them), read back for where the room got stuck —
 * checked like the rest of the export, so a hand-edited file is rejected whole with one reason,
 * never half counted. It is the one reader of an export's lines: the room reads what the lab told
 * the learner, {@code report --rejudge} and the challenge board what the export claims (the
 * verdict, a challenge's score, the engine facts it was judged on) through {@link ExportLines}.
 */
final class ExportedLines {
  /** A run line longer than this is not one a learner typed; the report would be unreadable. */
  static final int MAX_LINE = 4096;

  /** More lines than this for one exercise is not a learner's work. */
  static final int MAX_LINES = 10_000;

  /** A check type is a short word ("oom-killed"); a longer one is not the lab's. */
  static final int MAX_CHECK = 100;

  private static final java.util.Set<String> VERDICTS =
      java.util.Set.of("passed", "failed", "refused", "skipped");

  /** The engine facts a judged line names ({@link JudgedOn}'s fields). */
  private static final List<String> FACTS = List.of("engine", "version", "rootless", "limits");

  private ExportedLines() {}

  /** Demo id → its lines, for each demo of {@code demos} that carries any. */
  static Map<String, List<ExportedLine>> read(JsonNode demos) throws ExportCheck.Rejected {
    Map<String, List<ExportedLine>> out = new LinkedHashMap<>();
    for (var it = demos.fields(); it.hasNext(); ) {
      var d = it.next();
      JsonNode lines = d.getValue().get("lines");
      if (lines == null || lines.isNull()) {
        continue;
      }
      if (!lines.isArray() || lines.size() > MAX_LINES) {
        throw new ExportCheck.Rejected(
            "demo " + d.getKey() + "'s \"lines\" is not a list of at most " + MAX_LINES + " lines");
      }
      List<ExportedLine> read = new ArrayList<>();
      for (JsonNode l : lines) {
        read.add(line(d.getKey(), l));
      }
      out.put(d.getKey(), read);
    }
    return out;
  }

  private static ExportedLine line(String demo, JsonNode l) throws ExportCheck.Rejected {
    JsonNode line = l.get("line");
    if (!l.isObject()
        || line == null
        || !line.isTextual()
        || line.asText().isBlank()
        || line.asText().length() > MAX_LINE) {
      throw new ExportCheck.Rejected(
          "demo "
              + demo
              + " has a line that is not text (or is blank, or longer than "
              + MAX_LINE
              + " characters)");
    }
    JsonNode hints = l.path("hintsBefore");
    if (!hints.isMissingNode()
        && (!hints.canConvertToInt()
            || !hints.isIntegralNumber()
            || hints.asInt() < 0
            || hints.asInt() > ExportCheck.MAX_HINTS)) {
      throw new ExportCheck.Rejected("demo " + demo + " has a line after " + hints + " hints");
    }
    JsonNode notStarted = l.get("notStarted");
    JsonNode verdict = l.get("verdict");
    return new ExportedLine(
        line.asText(),
        failed(demo, l.get("failed")),
        notStarted == null || notStarted.isNull() ? null : text(demo, notStarted),
        verdict == null || verdict.isNull() ? null : verdict(demo, verdict),
        at(demo, l.get("at")),
        hints.asInt(0),
        l.path("solutionSeen").asBoolean(false),
        judgedOn(demo, l.get("judgedOn")),
        score(demo, l));
  }

  /** A challenge line's score and threshold, 0–100 each; null when the line has none. */
  private static ExportedLine.Score score(String demo, JsonNode l) throws ExportCheck.Rejected {
    if (l.get("score") == null) {
      return null;
    }
    for (String f : List.of("score", "minScore")) {
      if (!l.path(f).isInt() || l.path(f).asInt() < 0 || l.path(f).asInt() > 100) {
        throw new ExportCheck.Rejected(
            "demo " + demo + " has a line with " + f + " " + l.get(f) + ", not 0 to 100");
      }
    }
    return new ExportedLine.Score(l.path("score").asInt(), l.path("minScore").asInt());
  }

  private static JudgedOn judgedOn(String demo, JsonNode n) throws ExportCheck.Rejected {
    if (n == null || n.isNull()) {
      return null;
    }
    for (String f : FACTS) {
      if (!n.path(f).isTextual() || n.path(f).asText().length() > 100) {
        throw new ExportCheck.Rejected(
            "demo " + demo + " has a line with engine facts without a readable " + f);
      }
    }
    return new JudgedOn(
        n.path("engine").asText(),
        n.path("version").asText(),
        n.path("rootless").asText(),
        n.path("limits").asText());
  }

  private static List<String> failed(String demo, JsonNode failed) throws ExportCheck.Rejected {
    List<String> out = new ArrayList<>();
    if (failed == null || failed.isNull()) {
      return out;
    }
    if (!failed.isArray() || failed.size() > MAX_CHECK) {
      throw new ExportCheck.Rejected("demo " + demo + " has a line whose \"failed\" is not a list");
    }
    for (JsonNode c : failed) {
      if (!c.isTextual() || c.asText().isBlank() || c.asText().length() > MAX_CHECK) {
        throw new ExportCheck.Rejected(
            "demo " + demo + " has a line with a failed check " + "that is not a check's name");
      }
      out.add(c.asText());
    }
    return out;
  }

  private static String text(String demo, JsonNode n) throws ExportCheck.Rejected {
    if (!n.isTextual() || n.asText().length() > MAX_LINE) {
      throw new ExportCheck.Rejected(
          "demo " + demo + " has a line whose \"notStarted\" is not text");
    }
    return n.asText();
  }

  private static String verdict(String demo, JsonNode v) throws ExportCheck.Rejected {
    if (!VERDICTS.contains(v.asText())) {
      throw new ExportCheck.Rejected(
          "demo " + demo + " has a line whose verdict is not passed, failed, refused or skipped");
    }
    return v.asText();
  }

  private static Instant at(String demo, JsonNode at) throws ExportCheck.Rejected {
    if (at == null || at.isNull()) {
      return null;
    }
    try {
      return Instant.parse(at.asText());
    } catch (DateTimeParseException e) {
      throw new ExportCheck.Rejected(
          "demo " + demo + " has a line written at a time that is not" + " one");
    }
  }
}
