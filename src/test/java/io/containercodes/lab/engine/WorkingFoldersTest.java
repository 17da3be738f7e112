package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.host.LabDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: the lab's folders moved from the JVM's temp dir (which VM engines such as Colima do not
 * share) to its work folder in the user's cache directory; a container may write there, in the
 * lab's own cclab-* folders only, as it could in /tmp's.
 */
class WorkingFoldersTest {
  @TempDir Path cache;

  @Test
  void theLabsOwnFoldersInItsWorkFolderAreWorkingFoldersAndNothingElseThere() throws Exception {
    Map<String, String> env = Map.of("CCLAB_CACHE_DIR", cache.toString(), "HOME", "/home/ann");
    Path work = LabDirectories.work(env);
    Path mine = Files.createDirectories(work.resolve("cclab-scratch-1"));
    Path other = Files.createDirectories(work.resolve("project"));
    Path images = Files.createDirectories(cache.resolve("images"));
    WorkingFolders folders = WorkingFolders.forHost(env, Path.of("/home/ann"));
    assertTrue(folders.contains(Guardrails.real(mine)));
    assertTrue(folders.contains(Guardrails.real(mine.resolve("deep/er"))));
    assertFalse(folders.contains(Guardrails.real(work)), "the work folder itself");
    assertFalse(folders.contains(Guardrails.real(other)), "not a folder of the lab's");
    assertFalse(folders.contains(Guardrails.real(images)), "the image cache never");
  }
}
