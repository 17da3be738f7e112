package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What real engines gave, for tests outside this package: the engine's record of a container
 * (src/test/resources/engine/inspect) and the twin probe's output (…/engine/probe), each read the
 * way the lab reads them.
 */
public final class Recorded {
  /** The nonce the recorded probe outputs were made with. */
  public static final String NONCE = "0123456789abcdef";

  private static final Map<String, Boolean> INTERNAL =
      Map.of("evid-int", true, "bridge", false, "podman", false);

  private Recorded() {}

  /**
   * @param name e.g. "podman-protected" (see the README beside the files)
   */
  public static ContainerFacts facts(String name) {
    EngineKind kind = name.startsWith("podman") ? EngineKind.PODMAN : EngineKind.DOCKER;
    try (InputStream in = Recorded.class.getResourceAsStream("/engine/inspect/" + name + ".json");
        InputStream lib =
            Recorded.class.getResourceAsStream("/engine/inspect/" + name + ".libpod.json")) {
      InspectContainerResponse compat =
          EngineClients.mapper().readValue(in, InspectContainerResponse.class);
      JsonNode libpod = lib == null ? null : EngineClients.mapper().readTree(lib);
      return InspectedFacts.from(compat, kind, libpod, INTERNAL);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The twin probe's report, e.g. "docker-protected". */
  public static ProbeReport probe(String name) {
    try (InputStream in = Recorded.class.getResourceAsStream("/engine/probe/" + name + ".txt")) {
      return ProbeReport.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), NONCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An outcome of exit 0 with {@code facts} as the engine's record. */
  public static Outcome outcome(ContainerFacts facts) {
    return new Outcome(
        "id",
        0,
        new OomVerdict.Verdict(false, "exited with status 0"),
        false,
        java.time.Duration.ofMillis(100),
        Usage.NONE,
        new CapturedText("", false, 0),
        new CapturedText("", false, 0),
        java.util.List.of(),
        facts,
        null);
  }

  /** The engine the recorded file came from, spelled as in its name. */
  public static String engineOf(String name) {
    return name.substring(0, name.indexOf('-')).toLowerCase(Locale.ROOT);
  }
}
