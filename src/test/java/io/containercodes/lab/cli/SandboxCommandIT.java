package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `cclab sandbox run` as a user types it: --strict, --json, --trace and --no-trace, on the real
 * engine.
 */
@Tag("engine")
class SandboxCommandIT {
  private static final String HOSTILE = "src/test/resources/sandbox/hostile.py";

  private static MainTest.Result run(String... args) {
    return MainTest.runWith(System.getenv(), args);
  }

  @Test
  void strictExitsFourAndTheJsonCarriesEachAttemptWithItsProtection(@TempDir Path tmp)
      throws Exception {
    Path trace = tmp.resolve("t.trace");
    MainTest.Result r =
        run("sandbox", "run", HOSTILE, "--strict", "--json", "--trace", trace.toString());
    assertEquals(4, r.status(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertTrue(j.get("observed").asBoolean());
    JsonNode etc = null;
    for (JsonNode a : j.get("attempts")) {
      if (a.get("target").asText().equals("/etc/owned")) {
        etc = a;
      }
    }
    assertTrue(etc != null, r.out());
    assertEquals("write", etc.get("kind").asText());
    assertEquals("blocked", etc.get("result").asText());
    assertEquals("EROFS", etc.get("errno").asText());
    assertEquals("--read-only", etc.get("protection").asText());
    assertEquals(1, etc.get("count").asInt());
    assertTrue(etc.get("firstMs").asLong() >= 0);
    assertTrue(
        j.get("timeline").size() > 5 && j.get("timeline").get(0).asText().startsWith("+"), r.out());
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
  void theTextReportNamesTheProtections() {
    MainTest.Result r = run("sandbox", "run", HOSTILE);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("• write     /etc/owned — blocked EROFS by --read-only"), r.out());
    assertTrue(r.out().contains("• read      /etc/shadow — blocked EACCES by --user"), r.out());
    assertTrue(
        r.out()
            .contains(
                "verdict       Ran to the end (exit 0); it tried 5 writes outside scratch space"),
        r.out());
  }
}
