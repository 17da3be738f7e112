package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.cli.Main;
import io.containercodes.lab.engine.TestEngine;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One line, two doors: the REPL's exercise prompt and {@code cclab run EXERCISE --answer LINE
 * --json} give the same verdict and the same reason, on the real engine — for a right answer, a
 * partial protection, a line that fakes the output (refused, never judged) and a line whose only
 * isolation is the network the lab substituted for safety.
 */
@Tag("engine")
class AnswerIT {
  private static final String OWN = " -v $(pwd)/own.sh:/app/own.sh:ro cclab/busybox";
  private static final String FETCH = " -v $(pwd)/fetch.sh:/app/fetch.sh:ro cclab/busybox";

  @TempDir Path state;

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "caps-exercise|podman run --rm --cap-drop ALL --cap-add CHOWN"
            + OWN
            + " sh /app/own.sh"
            + "|passed|The kernel shows CHOWN in the bounding set",
        "caps-exercise|podman run --rm --cap-drop NET_RAW --cap-drop MKNOD"
            + OWN
            + " sh /app/own.sh|failed|start from --cap-drop ALL",
        "caps-exercise|podman run --rm"
            + OWN
            + " sh -c 'echo probe.cap_eff=0000000000000001; echo chown ok: the report belongs to"
            + " lab'|refused|Keep the command as given",
        "canary-only-exercise|podman run --rm"
            + FETCH
            + " sh /app/fetch.sh|failed|sets no --network",
      })
  void theReplAndRunAnswerGiveOneVerdict(String exercise, String line, String verdict, String words)
      throws Exception {
    JsonNode cli = runAnswer(exercise, line);
    assertEquals(verdict, cli.get("verdict").asText(), cli.toPrettyString());
    assertEquals(
        switch (verdict) {
          case "passed" -> 0;
          case "failed" -> 1;
          default -> 2;
        },
        cli.get("exitStatus").asInt());
    assertTrue(cli.toString().contains(words), words + " not in " + cli.toPrettyString());

    // the REPL wraps its text to the terminal: compared word for word, not line for line
    String repl =
        session("goto " + exercise + "\nrun " + exercise + "\n" + line + "\nquit\n")
            .replaceAll("\\s+", " ");
    assertTrue(
        repl.contains(
            switch (verdict) {
              case "passed" -> "✓ Your line passes";
              case "failed" -> "✗ Your line fails";
              case "refused" -> "✗ Refused, not judged";
              default -> "– Skipped, not passed";
            }),
        repl);
    assertTrue(repl.contains(words), words + " not in " + repl);
    if (verdict.equals("refused")) {
      // the same sentence, word for word, at both doors
      assertTrue(repl.contains(cli.get("reason").asText().replaceAll("\\s+", " ")), repl);
    }
    assertKept(exercise, line, verdict);
  }

  /**
   * The REPL kept the line with its verdict and the engine facts it was judged on, for an export an
   * instructor re-judges (#30.1); a refused line never ran and is not kept.
   */
  private void assertKept(String exercise, String line, String verdict) throws Exception {
    JsonNode kept =
        new ObjectMapper()
            .readTree(state.resolve("repl/progress.json").toFile())
            .path("demos")
            .path(exercise)
            .path("lines")
            .path(0);
    if (verdict.equals("refused")) {
      assertTrue(kept.isMissingNode(), kept.toString());
      return;
    }
    assertEquals(line, kept.path("line").asText(), kept.toString());
    assertEquals(verdict, kept.path("verdict").asText(), kept.toString());
    assertFalse(kept.at("/judgedOn/version").asText().isEmpty(), kept.toString());
    assertTrue(
        List.of("yes", "no", "unknown").contains(kept.at("/judgedOn/limits").asText()),
        kept.toString());
  }

  /** {@code cclab run EXERCISE --answer LINE --json}, its exit status checked against the JSON. */
  private JsonNode runAnswer(String exercise, String line) throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("XDG_STATE_HOME", state.resolve("cli").toString());
    env.put("NO_COLOR", "1");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        new Main(
                new PrintWriter(out),
                new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]),
                env)
            .run(new String[] {"run", exercise, "--answer", line, "--json"});
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertEquals(json.get("exitStatus").asInt(), status, err.toString());
    return json;
  }

  private String session(String input) throws Exception {
    return ReplSession.in(state.resolve("repl"))
        .engine(TestEngine::get)
        .env("CCLAB_OFFLINE", "1")
        .run(input);
  }
}
