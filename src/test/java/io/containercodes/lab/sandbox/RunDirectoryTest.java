package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.LabLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's folders live under the cache, and those of dead runs go at the next run. */
class RunDirectoryTest {
  @Test
  void theOwnerIsReadBackFromTheName() {
    LabLabels.Owner me = LabLabels.Owner.current();
    LabLabels.Owner read = RunDirectory.owner(RunDirectory.name(me));
    assertEquals(me.pid(), read.pid());
    assertEquals(me.startMillis(), read.startMillis());
    assertEquals(me.pid(), RunDirectory.owner(".part-" + RunDirectory.name(me)).pid());
    assertNull(RunDirectory.owner("someone-elses-folder"));
  }

  @Test
  void foldersOfDeadRunsAreRemovedAndLiveOnesStay(@TempDir Path runs) throws Exception {
    LabLabels.Owner me = LabLabels.Owner.current();
    Path live = Files.createDirectory(runs.resolve(RunDirectory.name(me)));
    LabLabels.Owner dead = new LabLabels.Owner(me.host(), Integer.MAX_VALUE - 7, 1234);
    Path gone = Files.createDirectories(runs.resolve(RunDirectory.name(dead)).resolve("trace"));
    Path other = Files.createDirectory(runs.resolve("not-the-labs"));
    assertEquals(1, RunDirectory.reapStale(runs));
    assertTrue(Files.isDirectory(live));
    assertFalse(Files.exists(gone.getParent()));
    assertTrue(Files.isDirectory(other), "a folder the lab did not name is never judged");
  }

  @Test
  void aRunsFolderIsUnderTheCacheAndGoneWhenClosed(@TempDir Path cache) throws Exception {
    Path dir;
    try (RunDirectory run = RunDirectory.create(Map.of("CCLAB_CACHE_DIR", cache.toString()))) {
      dir = run.dir();
      assertTrue(dir.startsWith(cache.resolve("sandbox/runs")), dir.toString());
      Files.writeString(run.privateFolder("trace").resolve("calls"), "x");
      assertEquals(
          "rwx------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(dir)));
    }
    assertFalse(Files.exists(dir));
  }
}
