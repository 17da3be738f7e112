package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The engines doctor says the lessons were proved on are the ones CI starts (#31). */
class ProvedEnginesTest {
  @Test
  void theListIsTheEnginesCiStarts() throws IOException {
    String ci = Files.readString(Path.of(".ci/run"));
    Matcher m = Pattern.compile("(?m)^proved=\\(([^)]*)\\)").matcher(ci);
    assertTrue(m.find(), ".ci/run names the engines it proves on in proved=(…)");
    List<String> started = List.of(m.group(1).trim().split("\\s+"));
    List<String> listed =
        ProvedEngines.all().stream()
            .map(p -> p.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + p.majorMinor())
            .toList();
    assertEquals(started, listed);
    for (String engine : started) {
      assertTrue(ci.contains("expect_version " + engine + " "), "CI checks it runs " + engine);
    }
  }

  @Test
  void anEngineIsProvedByItsKindAndMajorMinor() {
    assertTrue(ProvedEngines.of(EngineKind.DOCKER, "26.1.5+dfsg1").isPresent());
    assertTrue(ProvedEngines.of(EngineKind.PODMAN, "4.3.1").isPresent());
    assertEquals("Podman 5.4", ProvedEngines.of(EngineKind.PODMAN, "5.4.2").get().toString());
    assertFalse(ProvedEngines.of(EngineKind.PODMAN, "26.1.5").isPresent(), "the kind counts");
    assertFalse(ProvedEngines.of(EngineKind.DOCKER, "28.3.0").isPresent());
    assertFalse(ProvedEngines.of(EngineKind.DOCKER, "20.1").isPresent(), "20.1 is not 20.10");
    assertFalse(ProvedEngines.of(EngineKind.DOCKER, null).isPresent());
  }

  @Test
  void aLineThatIsNotKindAndVersionIsRefused() {
    assertEquals(2, ProvedEngines.parse("# c\npodman 5.4 trixie\n\ndocker 26.1\n").size());
    assertThrows(IllegalStateException.class, () -> ProvedEngines.parse("moby 26.1\n"));
    assertThrows(IllegalStateException.class, () -> ProvedEngines.parse("docker 26\n"));
  }
}
