package io.containercodes.lab.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashMemoTest {
  @TempDir Path dir;

  @Test
  void anUnchangedFileIsNotReadAgainAndAChangedOneIs() throws Exception {
    Path file = Files.writeString(dir.resolve("busybox"), "one");
    FileHashMemo memo = new FileHashMemo(dir.resolve("cache/memo"));
    AtomicInteger computed = new AtomicInteger();
    java.util.function.Supplier<String> hash =
        () -> {
          computed.incrementAndGet();
          return ImageArchive.sha256(readQuietly(file));
        };
    String first = memo.get(file, hash);
    assertEquals(first, memo.get(file, hash));
    assertEquals(1, computed.get(), "the second call came from the memo");

    // same size, rewritten in place, its modification time put back: the status-change time moved
    FileTime mtime = Files.getLastModifiedTime(file);
    Thread.sleep(20);
    Files.writeString(file, "two");
    Files.setLastModifiedTime(file, mtime);
    assertEquals(
        ImageArchive.sha256("two".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        memo.get(file, hash));
    assertEquals(2, computed.get());

    // replaced by a new file (a package upgrade): a new inode
    Path fresh = Files.writeString(dir.resolve("busybox.new"), "three");
    Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(
        ImageArchive.sha256("three".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        memo.get(file, hash));
    assertEquals(3, computed.get());
  }

  @Test
  void anUnwritableMemoOnlyMeansComputing() throws Exception {
    Path file = Files.writeString(dir.resolve("busybox"), "one");
    Files.writeString(dir.resolve("not-a-dir"), "x");
    FileHashMemo memo = new FileHashMemo(dir.resolve("not-a-dir/memo"));
    assertEquals("h", memo.get(file, () -> "h"));
    assertEquals("h", memo.get(file, () -> "h"));
  }

  private static byte[] readQuietly(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
