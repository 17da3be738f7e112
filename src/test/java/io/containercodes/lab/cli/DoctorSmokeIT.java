package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.engine.ProvedEngines;
import io.containercodes.lab.engine.TestEngine;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 18: the room check on the real engine — images prepared, three demos run, one line. */
@Tag("engine")
class DoctorSmokeIT {
  @BeforeAll
  static void engine() {
    TestEngine.get(); // found, started or installed as the lab does; the images built offline
  }

  @Test
  void theRoomCheckPrintsOneReadyLine() {
    MainTest.Result r = MainTest.runWith(System.getenv(), "doctor", "--smoke");
    assertEquals(ExitCode.OK, r.status(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertTrue(
        last.matches(
            "ready: (Podman|Docker Engine) \\S+ (rootless|rootful), images ok, 3/3 demos in"
                + " \\d+\\.\\d s"),
        last);
    assertTrue(r.out().contains("ContainerCodes Lab doctor"), "the doctor's table comes first");
    assertTrue(r.err().contains("smoke: demo memory-limit"), r.err());
    // #31: the engine CI runs this on is one the lessons are proved on, and doctor says so
    var facts = TestEngine.get().facts();
    var proved = ProvedEngines.of(facts.kind(), facts.version());
    assertTrue(
        proved.isPresent()
            ? r.out().contains("✓ proved on    " + proved.get() + ": ")
            : r.out().contains("• proved on    not this version"),
        r.out());
  }

  @Test
  void jsonIsOneObjectToCollect() throws Exception {
    MainTest.Result r = MainTest.runWith(System.getenv(), "doctor", "--smoke", "--json");
    assertEquals(ExitCode.OK, r.status(), r.out() + r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("cclab-smoke", n.get("format").asText());
    assertEquals(1, n.get("version").asInt());
    assertTrue(n.get("ready").asBoolean());
    assertTrue(n.get("line").asText().startsWith("ready: "), n.toString());
    assertEquals(
        List.of("read-only-root", "memory-limit", "fork-bomb"),
        n.get("demos").findValuesAsText("id"));
    n.get("demos").forEach(d -> assertTrue(d.get("passed").asBoolean(), d.toString()));
    assertTrue(n.get("problem").isNull() && n.get("fix").isNull(), n.toString());
    assertTrue(!n.get("host").asText().isEmpty());
  }
}
