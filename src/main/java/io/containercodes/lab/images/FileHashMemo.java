package io.containercodes.lab.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A value derived from a file's bytes (busybox's recipe hash: SHA-256 of a 2 MB binary, 35-85 ms of
 * CPU on every {@code try}), kept in a small file beside the image cache with the identity of the
 * file it came from: its real path, device and inode, size, modification and status-change times.
 * While all of them are the same, the bytes are taken to be the same (as make and git's index do);
 * a package upgrade writes a new inode, an edit in place moves the times, and any of them
 * recomputes the value. Best effort both ways: an unreadable or unwritable memo only means
 * computing.
 */
final class FileHashMemo {
  private final Path memo;

  FileHashMemo(Path memo) {
    this.memo = memo;
  }

  String get(Path file, Supplier<String> compute) {
    String identity = identity(file);
    if (identity != null) {
      try {
        List<String> lines = Files.readAllLines(memo, StandardCharsets.UTF_8);
        if (lines.size() == 2 && lines.get(0).equals(identity) && !lines.get(1).isBlank()) {
          return lines.get(1);
        }
      } catch (IOException | RuntimeException e) {
        // no memo yet, or an unreadable one: computed below
      }
    }
    String value = compute.get();
    // only when the file did not change while it was read
    if (identity != null && identity.equals(identity(file))) {
      try {
        Files.createDirectories(memo.getParent());
        Path tmp = Files.createTempFile(memo.getParent(), memo.getFileName().toString(), ".part");
        Files.writeString(tmp, identity + "\n" + value + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, memo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException | RuntimeException e) {
        // a read-only cache: the value is computed each time, as before
      }
    }
    return value;
  }

  /** The file's identity as one line, or null when it cannot be read (then nothing is kept). */
  static String identity(Path file) {
    try {
      Path real = file.toRealPath();
      Map<String, Object> a =
          Files.readAttributes(real, "unix:dev,ino,size,lastModifiedTime,ctime");
      return real
          + " dev="
          + a.get("dev")
          + " ino="
          + a.get("ino")
          + " size="
          + a.get("size")
          + " mtime="
          + a.get("lastModifiedTime")
          + " ctime="
          + a.get("ctime");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
