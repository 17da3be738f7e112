package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.containercodes.lab.engine.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the command of docs/challenge-ci.md on the real engine — the line read from a
 * participant's dev.sh, SARIF for code scanning, JSON in the published schema.
 */
@Tag("engine")
class ChallengeCiIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    TestEngine.get();
  }

  @Test
  void theChallengeFromDevShWithSarifAndJson() throws Exception {
    Path dev =
        Files.writeString(
            dir.resolve("dev.sh"),
            "#!/bin/sh\n"
                + "# my development container\n"
                + "podman run --rm -u 1000 --cap-drop ALL --security-opt no-new-privileges \\\n"
                + "  --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m --network none \\\n"
                + "  --memory 256m --pids-limit 128 --cpus 1 -v \"$(pwd)\":/workspace"
                + " cclab/python\n");
    Path sarif = dir.resolve("results.sarif");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("XDG_STATE_HOME", dir.resolve("state").toString());
    MainTest.Result r =
        MainTest.runWith(
            env, "challenge", "--line-from", dev.toString(), "--sarif", sarif.toString(), "--json");
    assertEquals(ExitCode.OK, r.status(), r.out() + r.err());
    JsonNode result = JSON.readTree(r.out());
    JsonSchema schema;
    try (var in = Files.newInputStream(Path.of("docs/challenge-result.schema.json"))) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    assertTrue(schema.validate(result).isEmpty(), schema.validate(result) + "\n" + r.out());
    assertTrue(result.get("passed").asBoolean(), r.out());
    assertEquals(dev.toString(), result.at("/source/path").asText());
    assertEquals(3, result.at("/source/line").asInt());
    assertTrue(result.at("/task/passed").asBoolean(), r.out());
    // the engine facts it was judged on, as the lab's probe measured them on this engine (#23)
    List<String> facts = new ArrayList<>();
    result
        .at("/engine/facts")
        .forEach(
            f ->
                facts.add(
                    f.get("topic").asText()
                        + "="
                        + f.get("answer").asText()
                        + "/"
                        + f.get("basis").asText()));
    assertTrue(facts.contains("--memory acts=yes/measured"), facts.toString());
    assertTrue(facts.contains("sees the lab's files=yes/measured"), facts.toString());
    result
        .get("hostSkipped")
        .forEach(h -> assertFalse(h.get("id").asText().endsWith("-limit"), h.toString()));

    // the line, its score and the engine facts travel in progress, so an export carries them
    // (#30.1)
    JsonNode kept =
        JSON.readTree(dir.resolve("state/cclab/progress.json").toFile())
            .at("/demos/challenge/lines/0");
    assertEquals("passed", kept.path("verdict").asText(), kept.toString());
    assertEquals(result.get("score").asInt(), kept.path("score").asInt(), kept.toString());
    assertTrue(kept.path("line").asText().contains("-v \"$(pwd)\":/workspace"), kept.toString());
    assertEquals("yes", kept.at("/judgedOn/limits").asText(), kept.toString());

    JsonNode s = JSON.readTree(Files.readString(sarif));
    assertEquals("2.1.0", s.get("version").asText());
    JsonNode results = s.at("/runs/0/results");
    for (JsonNode finding : results) {
      assertEquals(
          3,
          finding.at("/locations/0/physicalLocation/region/startLine").asInt(),
          finding.toString());
    }
    assertEquals(
        result.get("failedRules").size(), results.size(), "one SARIF result per failed rule");
  }
}
