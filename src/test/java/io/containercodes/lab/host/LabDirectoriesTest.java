package io.containercodes.lab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab's work folder is in the user's cache directory, which VM engines share; not in /tmp. */
class LabDirectoriesTest {
  @Test
  void theWorkFolderIsInTheUsersCacheDirectory() {
    assertEquals(Path.of("/c/work"), LabDirectories.work(Map.of("CCLAB_CACHE_DIR", "/c")));
    if (HostFacts.isRootUser()) {
      // /root is a secret tree to the guardrails: root's folders sit beside its image cache
      assertEquals(
          Path.of("/var/cache/cclab/work"),
          LabDirectories.work(Map.of("XDG_CACHE_HOME", "/x/cache")));
      return;
    }
    assertEquals(
        Path.of("/x/cache/cclab/work"), LabDirectories.work(Map.of("XDG_CACHE_HOME", "/x/cache")));
    assertEquals(
        Path.of(System.getProperty("user.home"), ".cache/cclab/work"),
        LabDirectories.work(Map.of()));
  }

  /** A crashed lab's folders are swept a day later; anything else in the folder is left alone. */
  @Test
  void aDayOldLabFolderIsSweptAndNothingElse(@org.junit.jupiter.api.io.TempDir Path work)
      throws Exception {
    Path old = java.nio.file.Files.createDirectories(work.resolve("cclab-scratch-old/deep"));
    Path fresh = java.nio.file.Files.createDirectories(work.resolve("cclab-scratch-new"));
    Path other = java.nio.file.Files.createDirectories(work.resolve("notes"));
    java.time.Instant dayAgo = java.time.Instant.now().minus(java.time.Duration.ofHours(25));
    for (Path p : java.util.List.of(old.getParent(), other)) {
      java.nio.file.Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(dayAgo));
    }
    LabDirectories.sweep(work, java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
    assertEquals(false, java.nio.file.Files.exists(old.getParent()));
    assertEquals(true, java.nio.file.Files.exists(fresh));
    assertEquals(true, java.nio.file.Files.exists(other), "not the lab's: left alone");
  }
}
