package io.containercodes.lab.check;

import static io.containercodes.lab.engine.EngineKind.DOCKER;
import static io.containercodes.lab.engine.EngineKind.PODMAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.content.YamlNode;
import io.containercodes.lab.engine.EngineKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code requires: docker<23}: a step that shows one range of an engine's versions runs there and
 * is skipped, with the engine's version named, everywhere else (#31).
 */
class EngineVersionRangeTest {
  private static Check requires(String range) {
    return new CheckParser(v -> v)
        .parse(YamlNode.parse("requires: \"" + range + "\"", Path.of("demo.yaml"), 0));
  }

  private static CheckResult on(Check c, EngineKind kind, String version) {
    return c.evaluate(
        new Evidence(null, null, Map.of(), Set.of(), Set.of())
            .withEngine(new EngineRelease(kind, version)));
  }

  @Test
  void aRangeHoldsForTheVersionsItNamesAndNoOthers() {
    Check before23 = requires("docker<23");
    assertEquals(Status.PASS, on(before23, DOCKER, "20.10.24+dfsg1").status());
    assertEquals(Status.SKIPPED, on(before23, DOCKER, "23.0.0").status());
    assertEquals(Status.SKIPPED, on(before23, DOCKER, "26.1.5+dfsg1").status());
    Check from47 = requires("podman>=4.7");
    assertEquals(Status.SKIPPED, on(from47, PODMAN, "4.3.1").status());
    assertEquals(Status.PASS, on(from47, PODMAN, "4.7.0").status());
    assertEquals(Status.PASS, on(from47, PODMAN, "5.4.2").status());
    // minor versions compare as numbers, not text: 4.10 is after 4.7
    assertEquals(Status.PASS, on(from47, PODMAN, "4.10.1").status());
  }

  @Test
  void theOtherEngineNeverMeetsARange() {
    CheckResult r = on(requires("docker>=25"), PODMAN, "25.0.0");
    assertEquals(Status.SKIPPED, r.status());
    assertTrue(
        r.sentence().contains("Docker 25.0 and later") && r.sentence().contains("Podman 25.0.0"));
  }

  @Test
  void aVersionTheLabCannotReadIsNoVersionTheStepWasMeasuredOn() {
    assertEquals(Status.SKIPPED, on(requires("docker<23"), DOCKER, "dev").status());
    CheckResult none =
        requires("docker<23").evaluate(new Evidence(null, null, Map.of(), Set.of(), Set.of()));
    assertEquals(Status.SKIPPED, none.status());
    assertTrue(none.sentence().contains("unknown version"), none.sentence());
  }

  @Test
  void aMisspelledRangeIsAContentErrorThatSaysTheForm() {
    ContentError e = assertThrows(ContentError.class, () -> requires("docker=<23"));
    assertTrue(e.getMessage().contains("docker<23"), e.getMessage());
    assertFalse(EngineVersionRange.isOne("docker>23"));
    assertFalse(EngineVersionRange.isOne("moby<23"));
  }
}
