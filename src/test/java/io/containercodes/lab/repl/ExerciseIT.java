package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.progress.DemoStatus;
import io.containercodes.lab.progress.ProgressStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exercise in the REPL: the learner's own line is run against the demo's checks, on the real
 * engine.
 */
@Tag("engine")
class ExerciseIT {
  @TempDir Path state;

  private String session(String input) throws Exception {
    return ReplSession.in(state).engine(TestEngine::get).env("CCLAB_OFFLINE", "1").run(input);
  }

  @Test
  void aLineThatLeavesTheNetworkOpenFailsAndTheRightLinePasses() throws Exception {
    String open =
        "podman run --rm --read-only --tmpfs /tmp -v"
            + " $(pwd)/../ai-code/ai_generated.py:/app/test.py:ro cclab/python python3"
            + " /app/test.py";
    String locked =
        "podman run --rm --network none --read-only --read-only-tmpfs=false --tmpfs /tmp -v"
            + " $(pwd)/../ai-code/ai_generated.py:/app/test.py:ro cclab/python python3"
            + " /app/test.py";
    String out =
        session(
            "goto ai-code-exercise\nrun ai-code-exercise\n"
                + open
                + "\nrun ai-code-exercise\n"
                + locked
                + "\nquit\n");
    assertTrue(out.contains("Exercise: Write a podman run line"), out);
    assertTrue(out.contains("✗ The canary logged"), out);
    assertTrue(out.contains("Type hint for a nudge"), out);
    assertTrue(out.contains("✓ Your line passes"), out);
    assertEquals(
        DemoStatus.PASSED,
        new ProgressStore(state.resolve("progress.json"), m -> {})
            .load()
            .demos()
            .get("ai-code-exercise")
            .status());
  }

  /**
   * The point of scratch assets: a wrong answer that hands the package the home directory writable
   * really appends to the credentials — in this run's copy. The repository's file keeps its bytes,
   * and the checks still see the tampering.
   */
  @Test
  void aWrongAnswerTampersWithACopyAndTheRepositorysCredentialsKeepTheirBytes() throws Exception {
    Path credentials = Path.of("demos/install-exercise/home/.aws/credentials").toAbsolutePath();
    byte[] before = java.nio.file.Files.readAllBytes(credentials);
    String writable =
        "podman run --rm --network none -v $(pwd)/home:/root"
            + " -v $(pwd)/../malicious-install/reqeusts:/src:ro cclab/python sh -c 'cp -r /src"
            + " /tmp/pkg && pip install -v --no-index --no-build-isolation /tmp/pkg 2>&1 | grep"
            + " -E \"\\[reqeusts\\]|Successfully installed\"'";
    String out = session("goto install-exercise\nrun install-exercise\n" + writable + "\nquit\n");
    assertTrue(out.contains("[reqeusts] read /root/.aws/credentials"), out);
    assertTrue(out.contains("[reqeusts] tampered with the credentials file"), out);
    assertTrue(out.contains("changed the credentials file"), "host-unchanged failed: " + out);
    assertTrue(
        java.util.Arrays.equals(before, java.nio.file.Files.readAllBytes(credentials)),
        "the repository's credentials file changed");
    assertEquals(
        io.containercodes.lab.progress.DemoStatus.FAILED,
        new ProgressStore(state.resolve("progress.json"), m -> {})
            .load()
            .demos()
            .get("install-exercise")
            .status());
  }
}
