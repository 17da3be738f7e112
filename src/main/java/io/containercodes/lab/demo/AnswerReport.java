package io.containercodes.lab.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.check.CheckResult;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * One judged answer as JSON, for {@code cclab run EXERCISE --answer LINE --json}: the verdict, why,
 * each check with its status, the flags it stands for and where its evidence comes from, and the
 * listed wrong answer the line is, if any. A skipped answer says "skipped", never "passed".
 */
public final class AnswerReport {
  private AnswerReport() {}

  public static String json(Demo exercise, Answer a) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("exercise", exercise.id());
    root.put("line", a.line());
    root.put("verdict", a.verdict().word());
    root.put("exitStatus", a.verdict().exitStatus());
    root.put("reason", a.reason());
    if (a.knownWrong() != null) {
      root.put("knownWrongAnswer", a.knownWrong().because());
    }
    ArrayNode checks = root.putArray("checks");
    if (a.result() != null) {
      for (DemoResult.StepResult s : a.result().steps()) {
        for (CheckResult c : s.checks()) {
          ObjectNode cn = checks.addObject();
          cn.put("step", s.step().title());
          cn.put("type", c.check().type());
          cn.put("status", c.status().name().toLowerCase(Locale.ROOT));
          cn.put("evidence", c.check().source().words());
          cn.put("sentence", c.sentence());
          if (!c.check().protectedBy().isEmpty()) {
            cn.putPOJO("by", c.check().protectedBy());
          }
        }
      }
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
