package io.containercodes.lab.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.audit.AuditFormats;
import io.containercodes.lab.audit.AuditReport;
import io.containercodes.lab.audit.Challenge;
import io.containercodes.lab.audit.RuleResult;
import io.containercodes.lab.engine.LineFlag;
import io.containercodes.lab.progress.ChallengeBoard.Board;
import io.containercodes.lab.progress.ChallengeBoard.Entry;
import java.util.List;

/**
 * The board for machines. Nothing in it comes from the clock: the same submissions (their lines and
 * modification times) judged on the same engine facts give the same bytes, and the facts they were
 * judged on are in it. The task's duration and the audit's time are left out for that reason.
 */
public final class BoardJson {
  public static final String FORMAT = "cclab-challenge-board";
  public static final int VERSION = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BoardJson() {}

  public static String json(Board b, String cclabVersion) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT)
        .put("version", VERSION)
        .put("cclabVersion", cclabVersion)
        .put("minScore", b.minScore())
        .put("order", ChallengeBoard.ORDER)
        .put("judged", b.judged());
    ObjectNode engine =
        root.putObject("engine")
            .put("name", b.host().engine())
            .put("version", b.host().engineVersion());
    AuditFormats.engineFacts(engine.putArray("facts"), b.host());
    ArrayNode entries = root.putArray("entries");
    b.entries().forEach(e -> entry(e, entries.addObject()));
    ArrayNode skipped = root.putArray("skipped");
    b.skipped().forEach(skipped::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void entry(Entry e, ObjectNode n) {
    n.put("rank", e.rank())
        .put("participant", e.submission().participant())
        .put("file", e.submission().file())
        .put("modified", e.submission().modified().toString())
        .put("line", e.submission().line())
        .put("status", e.status());
    flags(n.putArray("flags"), e.flags());
    flags(n.putArray("extraFlags"), e.extraFlags());
    n.put("judgedWith", e.judgedWith());
    if (e.refused()) {
      n.put("refusal", e.refusal());
      return;
    }
    Challenge.Result r = e.result();
    AuditReport a = r.audit();
    n.put("passed", r.passed()).put("score", a.score()).put("scoreHolds", r.scoreHolds());
    ArrayNode unmet = n.putArray("requirementsUnmet");
    r.requirementsUnmet().forEach(u -> unmet.add(u.rule().id()));
    ArrayNode findings = n.putArray("findings");
    for (RuleResult f : a.findings()) {
      findings
          .addObject()
          .put("id", f.rule().id())
          .put("severity", f.rule().severity().label())
          .put("title", f.rule().title())
          .put("evidence", f.verdict().evidence())
          .put("fix", f.rule().fix());
    }
    ArrayNode host = n.putArray("hostSkipped");
    a.hostSkipped().forEach(s -> host.add(s.rule().id()));
    n.putObject("task")
        .put("passed", r.task().passed())
        .put("exitCode", r.task().outcome().exitCode())
        .put("timedOut", r.task().outcome().timedOut())
        .put("reportWritten", r.task().reportWritten());
  }

  private static void flags(ArrayNode into, List<LineFlag> flags) {
    flags.forEach(f -> into.add(f.longName()));
  }
}
