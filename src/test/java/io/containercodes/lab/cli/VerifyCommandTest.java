package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.10: verify fails early and clearly. The engine address in {@link MainTest#run} does not
 * exist, so reaching the engine would be exit 3: exit 2 proves the check came first.
 */
class VerifyCommandTest {
  @TempDir Path dir;

  @Test
  void anUnknownDemoIsAUsageErrorNamingItAndWhatExists() {
    MainTest.Result r = MainTest.run("verify", "--demo", "nosuch");
    assertEquals(ExitCode.USAGE, r.status(), r.err());
    assertTrue(r.err().contains("No demo 'nosuch' in 000-container-defense"), r.err());
    assertTrue(r.err().contains("memory-limit") && r.err().contains("network-isolation"), r.err());
    assertFalse(r.out().contains("0 passed"), r.out());
  }

  @Test
  void oneUnknownAmongKnownDemosIsStillAnError() {
    MainTest.Result r =
        MainTest.run(
            "verify", "--demo", "memory-limit", "--demo", "nosuch", "--demo", "\u001b]0;x\u0007");
    assertEquals(ExitCode.USAGE, r.status(), r.err());
    assertTrue(r.err().contains("'nosuch'") && !r.err().contains("'memory-limit'"), r.err());
    assertTrue(r.err().contains("'\\e]0;x\\a'"), "a hostile id is shown escaped: " + r.err());
  }

  @Test
  void aKnownDemoPassesTheCheckAndGoesOnToTheEngine() {
    MainTest.Result r = MainTest.run("verify", "--demo", "memory-limit", "--list");
    assertEquals(ExitCode.OK, r.status(), r.err());
    assertTrue(r.out().startsWith("memory-limit"), r.out());
  }

  @Test
  void aJunitFileInAFolderThatDoesNotExistIsRefusedBeforeAnythingRuns() {
    MainTest.Result r = MainTest.run("verify", "--junit", "/nonexistent/dir/x.xml");
    assertEquals(ExitCode.USAGE, r.status(), r.err());
    assertTrue(
        r.err()
            .contains("--junit /nonexistent/dir/x.xml: the folder /nonexistent/dir does not exist"),
        r.err());
    assertFalse(r.out().contains("Verifying"), r.out());
  }

  @Test
  void aJsonReportPathThatIsAFolderOrNotWritableIsRefused() throws Exception {
    MainTest.Result folder = MainTest.run("verify", "--json", dir.toString());
    assertEquals(ExitCode.USAGE, folder.status(), folder.err());
    assertTrue(folder.err().contains("that is a folder"), folder.err());

    Path locked = Files.createDirectory(dir.resolve("locked"));
    assertTrue(locked.toFile().setWritable(false, false));
    try {
      if (!Files.isWritable(locked)) { // root may write anywhere: then there is nothing to refuse
        MainTest.Result r = MainTest.run("verify", "--json", locked.resolve("r.json").toString());
        assertEquals(ExitCode.USAGE, r.status(), r.err());
        assertTrue(r.err().contains("is not writable"), r.err());
      }
    } finally {
      locked.toFile().setWritable(true, false);
    }
  }

  @Test
  void aWritableReportPathPassesTheCheck() {
    // --list stops before the engine; the check ran first and let a writable path through
    MainTest.Result r =
        MainTest.run("verify", "--json", dir.resolve("r.json").toString(), "--list");
    assertEquals(ExitCode.OK, r.status(), r.err());
  }
}
