package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: the challenge's CI options are checked before any engine is reached. */
class ChallengeOptionsTest {
  @TempDir Path dir;

  @Test
  void optionMistakesAreUsageErrorsBeforeTheEngine() throws Exception {
    MainTest.Result none = MainTest.run("challenge");
    assertEquals(ExitCode.USAGE, none.status());
    assertTrue(none.err().contains("No run line for the challenge."), none.err());

    MainTest.Result both =
        MainTest.run("challenge", "--json", "--markdown", "--", "podman", "run", "cclab/python");
    assertEquals(ExitCode.USAGE, both.status());
    assertTrue(both.err().contains("Choose --json or --markdown, not both."), both.err());

    Path dev =
        Files.writeString(dir.resolve("dev.sh"), "#!/bin/sh\npodman run --rm cclab/python\n");
    MainTest.Result twice =
        MainTest.run("challenge", "--line-from", dev.toString(), "--", "podman", "run", "x");
    assertEquals(ExitCode.USAGE, twice.status());
    assertTrue(twice.err().contains("not both"), twice.err());

    MainTest.Result sarif =
        MainTest.run("challenge", "--line-from", dev.toString(), "--sarif", "/nonexistent/r.sarif");
    assertEquals(ExitCode.USAGE, sarif.status());
    assertTrue(
        sarif
            .err()
            .contains("--sarif /nonexistent/r.sarif: the folder /nonexistent does not exist"),
        sarif.err());
  }
}
