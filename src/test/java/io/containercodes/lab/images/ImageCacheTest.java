package io.containercodes.lab.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-root lab cannot build cclab/python (debootstrap needs root), so it takes the archive root's
 * lab built, but only one that root alone can write: that archive chooses what the engine runs.
 */
class ImageCacheTest {
  @TempDir Path tmp;

  @Test
  void theUsersOwnArchiveFirstThenOneRootAloneCanWrite() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "files owned by root");
    Path own = Files.createDirectories(tmp.resolve("own"));
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path archive = Files.writeString(shared.resolve("cclab-python-abc.tar"), "tar");
    Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
    ImageCache cache = new ImageCache(own, shared);
    assertEquals(Optional.of(archive), cache.find("cclab/python", "abc"));
    assertEquals(Optional.empty(), cache.find("cclab/python", "other-hash"));

    Path mine = Files.writeString(own.resolve("cclab-python-abc.tar"), "tar");
    assertEquals(Optional.of(mine), cache.find("cclab/python", "abc"), "the user's own first");
    Files.delete(mine);

    Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertTrue(cache.find("cclab/python", "abc").isEmpty(), "an archive anyone may rewrite");
    Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertTrue(cache.find("cclab/python", "abc").isEmpty(), "in a folder anyone may change");
    assertTrue(new ImageCache(own).find("cclab/python", "abc").isEmpty(), "no shared cache");
  }
}
