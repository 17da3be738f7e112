package io.containercodes.lab.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.containercodes.lab.render.Style;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static AuditReport defaults() {
    return AuditReport.of(
        "podman run --rm cclab/busybox",
        "cclab/busybox",
        AuditFixtures.HOST,
        AuditFixtures.subject(AuditFixtures.defaults(), AuditFixtures.config()),
        false,
        Instant.parse("2026-11-29T12:00:00Z"));
  }

  @Test
  void sarifValidatesAgainstTheSarif210Schema() throws Exception {
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      assertNotNull(in, "the SARIF 2.1.0 schema is on the test classpath");
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    JsonNode sarif = JSON.readTree(AuditFormats.sarif(defaults(), "0.1.0"));
    Set<ValidationMessage> errors = schema.validate(sarif);
    assertTrue(errors.isEmpty(), errors.toString());

    // read from a file, every result points at its file and line, as code-scanning tools need
    AuditReport fromFile =
        defaults()
            .withSource(new RunLineFile.Located("scripts/dev container.sh", 7, "podman run …"));
    JsonNode located = JSON.readTree(AuditFormats.sarif(fromFile, "0.1.0"));
    assertTrue(schema.validate(located).isEmpty(), schema.validate(located).toString());
    JsonNode physical = located.at("/runs/0/results/0/locations/0/physicalLocation");
    assertEquals("scripts/dev%20container.sh", physical.at("/artifactLocation/uri").asText());
    assertEquals(7, physical.at("/region/startLine").asInt());

    // and the validator does catch a broken document, so the empty set above means something
    ((com.fasterxml.jackson.databind.node.ObjectNode) sarif).put("version", "2.0.0");
    assertTrue(!schema.validate(sarif).isEmpty());
  }

  @Test
  void sarifHasOneRulePerCheckAndOneResultPerFinding() throws Exception {
    AuditReport r = defaults();
    JsonNode run = JSON.readTree(AuditFormats.sarif(r, "dev")).get("runs").get(0);
    assertEquals(AuditRules.all().size(), run.at("/tool/driver/rules").size());
    assertEquals(r.findings().size(), run.get("results").size());
    JsonNode first = run.get("results").get(0);
    JsonNode rule = run.at("/tool/driver/rules").get(first.get("ruleIndex").asInt());
    assertEquals(first.get("ruleId").asText(), rule.get("id").asText());
    assertTrue(rule.at("/properties/tags").toString().contains("CIS-Docker-1.6.0-"));
    assertEquals("0.0.0-dev", run.at("/tool/driver/semanticVersion").asText());
  }

  @Test
  void jsonCarriesScoreFindingsAndTheProbe() throws Exception {
    AuditReport r = defaults();
    JsonNode j = JSON.readTree(AuditFormats.json(r));
    assertEquals(r.score(), j.get("score").asInt());
    assertEquals(r.count(Severity.MEDIUM), j.at("/findings/medium").asLong());
    assertEquals("4294967295", j.at("/probe/uid_map").asText().split(" ")[2]);
  }

  @Test
  void tableAndMarkdownNameEveryFindingWithItsFix() {
    AuditReport r = defaults();
    String table = AuditFormats.table(r, Style.PLAIN);
    String md = AuditFormats.markdown(r);
    for (RuleResult f : r.findings()) {
      assertTrue(table.contains(f.rule().title()) && table.contains(f.rule().fix()), f.rule().id());
      assertTrue(md.contains(f.rule().title()), f.rule().id());
    }
    assertTrue(table.contains("Score " + r.score() + "/100"));
    assertTrue(md.startsWith("## Container audit: " + r.score() + "/100"));
  }

  @Test
  void everyFormatNamesTheBenchmarkEdition() throws Exception {
    AuditReport r = defaults();
    String edition = "CIS Docker Benchmark v1.6.0";
    assertTrue(AuditFormats.table(r, Style.PLAIN).contains(edition));
    assertTrue(AuditFormats.markdown(r).contains(edition));
    assertEquals(edition, JSON.readTree(AuditFormats.json(r)).get("benchmark").asText());
    assertTrue(AuditFormats.sarif(r, "0.0.0-dev").contains(edition));
  }
}
