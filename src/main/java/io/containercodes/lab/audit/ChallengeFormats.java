package io.containercodes.lab.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.engine.Outcome;

/**
 * The challenge's result for machines: a leaderboard, a CI job. The JSON is a published interface,
 * documented in docs/challenge-json.md with a JSON Schema (docs/challenge-result.schema.json) and
 * pinned by a test: within {@link #VERSION} fields are only ever added, never renamed, retyped or
 * removed; anything else bumps the version.
 */
public final class ChallengeFormats {
  public static final String FORMAT = "cclab-challenge-result";
  public static final int VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ChallengeFormats() {}

  public static String json(Challenge.Result r, String cclabVersion) {
    AuditReport a = r.audit();
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT)
        .put("version", VERSION)
        .put("cclabVersion", cclabVersion)
        .put("passed", r.passed())
        .put("scoreHolds", r.scoreHolds())
        .put("score", a.score())
        .put("minScore", r.minScore())
        .put("grade", a.grade());
    ObjectNode counts = root.putObject("findings");
    for (Severity s : Severity.values()) {
      counts.put(s.label(), a.count(s));
    }
    ArrayNode failed = root.putArray("failedRules");
    for (RuleResult f : a.findings()) {
      failed
          .addObject()
          .put("id", f.rule().id())
          .put("cis", f.rule().cis())
          .put("severity", f.rule().severity().label())
          .put("title", f.rule().title());
    }
    ArrayNode unmet = root.putArray("requirementsUnmet");
    r.requirementsUnmet().forEach(u -> unmet.add(u.rule().id()));
    task(r.task(), root.putObject("task"));
    root.put("line", a.line());
    if (a.source() == null) {
      root.putNull("source");
    } else {
      root.putObject("source").put("path", a.source().path()).put("line", a.source().line());
    }
    ObjectNode engine =
        root.putObject("engine")
            .put("name", a.host().engine())
            .put("version", a.host().engineVersion());
    // what the result was judged on, and which rules the host left unjudged (added in version 1)
    AuditFormats.engineFacts(engine.putArray("facts"), a.host());
    ArrayNode host = root.putArray("hostSkipped");
    for (RuleResult s : a.hostSkipped()) {
      host.addObject().put("id", s.rule().id()).put("reason", s.verdict().evidence());
    }
    root.put("live", a.live()).put("when", a.when().toString());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void task(Challenge.TaskResult t, ObjectNode node) {
    Outcome o = t.outcome();
    node.put("passed", t.passed())
        .put("exitCode", o.exitCode())
        .put("timedOut", o.timedOut())
        .put("reportWritten", t.reportWritten())
        .put(
            "seconds",
            o.duration() == null ? 0.0 : Math.round(o.duration().toMillis() / 100.0) / 10.0);
  }
}
