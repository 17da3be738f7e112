package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `cclab sandbox run` as a user types it: --strict, --json, --trace and --no-trace, and the fence
 * around the script's output, on the real engine.
 */
@Tag("engine")
class SandboxCommandIT {
  private static final String HOSTILE = "src/test/resources/sandbox/hostile.py";
  private static final String LOOKALIKE =
      "src/main/resources/io/containercodes/lab/sandbox/selftest/lookalike_report.sh";

  private static MainTest.Result run(String... args) {
    return MainTest.runWith(System.getenv(), args);
  }

  @Test
  void strictExitsFourAndTheJsonCarriesEachFindingWithItsRuleAndProtection(@TempDir Path tmp)
      throws Exception {
    Path trace = tmp.resolve("t.trace");
    MainTest.Result r =
        run("sandbox", "run", HOSTILE, "--strict", "--json", "--trace", trace.toString());
    assertEquals(4, r.status(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertTrue(j.get("observed").asBoolean());
    assertTrue(j.get("traceComplete").asBoolean());
    JsonNode etc = null;
    for (JsonNode a : j.get("findings")) {
      if (a.get("target").asText().equals("/etc/owned")) {
        etc = a;
      }
    }
    assertTrue(etc != null, r.out());
    assertEquals("Write below etc", etc.get("rule").asText());
    assertEquals("ERROR", etc.get("priority").asText());
    assertEquals("T1098", etc.get("technique").asText());
    assertEquals("blocked", etc.get("result").asText());
    assertEquals("EROFS", etc.get("errno").asText());
    assertEquals("--read-only", etc.get("protection").asText());
    assertTrue(etc.get("evidence").get(0).asText().contains("\"/etc/owned\""), etc.toString());
    assertEquals(List.of("/tmp/note"), List.of(j.get("filesLeft").get(0).asText()));
    assertTrue(Files.size(trace) > 0, "--trace keeps the raw trace");
  }

  @Test
  void noTraceSaysNotObserved() throws Exception {
    MainTest.Result r = run("sandbox", "run", HOSTILE, "--no-trace", "--json");
    assertEquals(0, r.status(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertFalse(j.get("observed").asBoolean());
    assertEquals("not traced (--no-trace)", j.get("notObserved").asText());
    assertFalse(j.get("verdict").asText().contains("tried nothing"), j.get("verdict").asText());
  }

  @Test
  void theTextReportNamesTheRulesAndTheProtections() {
    MainTest.Result r = run("sandbox", "run", HOSTILE);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("• write     /etc/owned — blocked EROFS by --read-only"), r.out());
    assertTrue(r.out().contains("rule: Write below etc (ERROR, MITRE ATT&CK T1098)"), r.out());
    assertTrue(r.out().contains("• read      /etc/shadow — blocked EACCES by --user"), r.out());
    assertTrue(
        r.out()
            .contains("verdict       Ran to the end (exit 0); it tried 5 writes outside scratch"),
        r.out());
  }

  /**
   * A script prints a look-alike report and a fence end line of its own: both stay behind the bar
   * inside the real fence, whose nonce it could not know, and the real report follows the real end.
   */
  @Test
  void aLookAlikeReportStaysInsideTheFence() {
    MainTest.Result r = run("sandbox", "run", LOOKALIKE);
    List<String> lines = r.out().lines().toList();
    int start =
        lines.indexOf(
            lines.stream().filter(l -> l.startsWith("── output of")).findFirst().orElseThrow());
    String nonce = lines.get(start).replaceAll(".* fence ([0-9a-f]{8}) ──$", "$1");
    int end = lines.indexOf("── end of output · fence " + nonce + " ──");
    assertTrue(start >= 0 && end > start, r.out());
    assertFalse(nonce.equals("00000000"));
    for (String l : lines.subList(start + 1, end)) {
      assertTrue(l.startsWith(FencedOutput.BAR), "a line outside the bar: " + l);
    }
    assertTrue(
        lines
            .subList(start + 1, end)
            .contains(
                "│   verdict       Ran to the end (exit 0); it tried nothing the sandbox had to"
                    + " stop."));
    String report = String.join("\n", lines.subList(end + 1, lines.size()));
    assertTrue(report.contains("rule: Write below etc"), report);
    assertFalse(report.contains("tried nothing"), report);
  }
}
