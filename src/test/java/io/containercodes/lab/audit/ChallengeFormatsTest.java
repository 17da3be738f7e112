package io.containercodes.lab.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.containercodes.lab.engine.CapturedText;
import io.containercodes.lab.engine.OomVerdict;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: 'challenge --json' is an interface a leaderboard reads. This test pins it: the fields
 * and their types, and that the output validates against the schema published in docs/. A change
 * here is a change to docs/challenge-json.md — and, unless it only adds a field, to the version.
 */
class ChallengeFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every field of version 1, with its JSON type, as docs/challenge-json.md lists them. */
  private static final List<String> V1 =
      List.of(
          "format:string",
          "version:number",
          "cclabVersion:string",
          "passed:boolean",
          "scoreHolds:boolean",
          "score:number",
          "minScore:number",
          "grade:string",
          "findings:object",
          "findings.high:number",
          "findings.medium:number",
          "findings.low:number",
          "findings.info:number",
          "failedRules:array",
          "failedRules[].id:string",
          "failedRules[].cis:string",
          "failedRules[].severity:string",
          "failedRules[].title:string",
          "requirementsUnmet:array",
          "task:object",
          "task.passed:boolean",
          "task.exitCode:number",
          "task.timedOut:boolean",
          "task.reportWritten:boolean",
          "task.seconds:number",
          "line:string",
          "source:object",
          "source.path:string",
          "source.line:number",
          "engine:object",
          "engine.name:string",
          "engine.version:string",
          "engine.facts:array",
          "hostSkipped:array",
          "hostSkipped[].id:string",
          "hostSkipped[].reason:string",
          "live:boolean",
          "when:string");

  private static Challenge.Result result(boolean hardened, boolean fromFile) {
    String line = "podman run --rm -v \"$(pwd)\":/workspace cclab/python";
    AuditReport audit =
        AuditReport.of(
            line,
            "cclab/python",
            AuditFixtures.HOST,
            AuditFixtures.subject(
                hardened ? AuditFixtures.hardened() : AuditFixtures.defaults(),
                AuditFixtures.config()),
            false,
            Instant.parse("2026-11-30T10:00:00Z"));
    if (fromFile) {
      audit = audit.withSource(new RunLineFile.Located("dev.sh", 3, line));
    }
    Outcome task =
        new Outcome(
            "c0ffee",
            0,
            new OomVerdict.Verdict(false, null),
            false,
            Duration.ofMillis(2345),
            Usage.NONE,
            CapturedText.EMPTY,
            CapturedText.EMPTY,
            List.of(),
            null,
            List.of());
    return new Challenge.Result(audit, new Challenge.TaskResult(task, true), 85);
  }

  /**
   * #26: the lessons require no network; a hardened line that leaves it open scores 93 and must
   * still not pass, and says why.
   */
  @Test
  void anOpenNetworkFailsTheChallengeWhateverTheScore() throws Exception {
    java.util.Map<String, String> open = AuditFixtures.hardened();
    open.put("net_ifaces", "eth0 lo");
    open.put("canary", "reached");
    AuditReport audit =
        AuditReport.of(
            "podman run --rm -v \"$(pwd)\":/workspace cclab/python",
            "cclab/python",
            AuditFixtures.HOST,
            AuditFixtures.subject(open, AuditFixtures.config()),
            false,
            Instant.parse("2026-11-30T10:00:00Z"));
    Challenge.Result r = new Challenge.Result(audit, result(true, false).task(), 85);
    assertTrue(r.scoreHolds(), "score " + audit.score() + ": the score alone would pass it");
    assertFalse(r.passed());
    assertEquals(
        List.of("network-egress"), r.requirementsUnmet().stream().map(u -> u.rule().id()).toList());
    JsonNode n = JSON.readTree(ChallengeFormats.json(r, "0.1.0"));
    assertEquals("network-egress", n.at("/requirementsUnmet/0").asText());
    assertTrue(result(true, false).passed(), "the hardened line, network none, still passes");
  }

  /**
   * Issue 23: a challenge result records the engine facts it was judged on, and which rules the
   * host left unjudged; a line is not marked down for limits that do not act on this host.
   */
  @Test
  void aResultRecordsTheEngineFactsItWasJudgedOnAndWhatTheHostLeftUnjudged() throws Exception {
    String reason = HostLimitsAuditTest.REASON;
    HostView rootless =
        new HostView(
            "Podman",
            "4.3.1",
            false,
            false,
            reason,
            reason,
            List.of(
                new HostView.EngineFact("rootless", "yes", "record", ""),
                new HostView.EngineFact("--memory acts", "no", "measured", reason)));
    AuditReport audit =
        AuditReport.of(
            "podman run --rm --memory 512m -v \"$(pwd)\":/workspace cclab/python",
            "cclab/python",
            rootless,
            new AuditSubject(AuditFixtures.hardened(), AuditFixtures.config(), rootless, 1),
            false,
            Instant.parse("2026-11-30T10:00:00Z"));
    Challenge.Result r = new Challenge.Result(audit, result(true, false).task(), 85);
    JsonNode n = JSON.readTree(ChallengeFormats.json(r, "0.1.0"));
    assertTrue(schema().validate(n).isEmpty(), schema().validate(n).toString());
    assertEquals("--memory acts", n.at("/engine/facts/1/topic").asText());
    assertEquals("no", n.at("/engine/facts/1/answer").asText());
    assertEquals("measured", n.at("/engine/facts/1/basis").asText());
    List<String> host = new ArrayList<>();
    n.get("hostSkipped").forEach(h -> host.add(h.get("id").asText()));
    assertEquals(List.of("memory-limit", "cpu-limit", "pids-limit", "mac-profile"), host);
    assertTrue(n.at("/hostSkipped/0/reason").asText().contains(reason));
    List<String> failed = new ArrayList<>();
    n.get("failedRules").forEach(f -> failed.add(f.get("id").asText()));
    assertFalse(failed.contains("memory-limit"), "the host's fault is no finding: " + failed);
  }

  private static JsonSchema schema() throws Exception {
    try (var in = Files.newInputStream(Path.of("docs/challenge-result.schema.json"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  @Test
  void theFieldsAndTheirTypesArePinned() throws Exception {
    JsonNode n = JSON.readTree(ChallengeFormats.json(result(false, true), "0.1.0"));
    List<String> shape = new ArrayList<>();
    walk("", n, shape);
    assertEquals(V1, shape);
    assertEquals("cclab-challenge-result", n.get("format").asText());
    assertEquals(1, n.get("version").asInt());
    assertEquals(2.3, n.at("/task/seconds").asDouble());
    assertEquals("dev.sh", n.at("/source/path").asText());
    assertFalse(n.get("passed").asBoolean(), "the default line does not pass");
    assertEquals(
        n.get("failedRules").size(),
        n.at("/findings/high").asInt()
            + n.at("/findings/medium").asInt()
            + n.at("/findings/low").asInt()
            + n.at("/findings/info").asInt());
  }

  @Test
  void itValidatesAgainstThePublishedSchemaWhichCatchesBreakingChanges() throws Exception {
    JsonSchema schema = schema();
    for (Challenge.Result r : List.of(result(false, true), result(true, false))) {
      JsonNode n = JSON.readTree(ChallengeFormats.json(r, "0.1.0"));
      assertTrue(schema.validate(n).isEmpty(), schema.validate(n).toString());
    }
    ObjectNode renamed =
        (ObjectNode) JSON.readTree(ChallengeFormats.json(result(true, false), "0.1.0"));
    renamed.set("total", renamed.remove("score"));
    assertFalse(schema.validate(renamed).isEmpty(), "a renamed field breaks the schema");
    ObjectNode retyped =
        (ObjectNode) JSON.readTree(ChallengeFormats.json(result(true, false), "0.1.0"));
    retyped.put("score", "92");
    assertFalse(schema.validate(retyped).isEmpty(), "a retyped field breaks the schema");
  }

  @Test
  void theDocumentListsEveryField() throws Exception {
    String doc = Files.readString(Path.of("docs/challenge-json.md"));
    for (String field : V1) {
      String name = field.substring(0, field.indexOf(':'));
      assertTrue(doc.contains("`" + name + "`"), name + " documented in docs/challenge-json.md");
    }
  }

  private static void walk(String path, JsonNode n, List<String> out) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode v = n.get(name);
      String p = path.isEmpty() ? name : path + "." + name;
      out.add(p + ":" + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      if (v.isObject()) {
        walk(p, v, out);
      } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
        walk(p + "[]", v.get(0), out);
      }
    }
  }
}
