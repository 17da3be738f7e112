package io.containercodes.lab.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a host file is now, as a string that changes when its content does: {@code host-unchanged}
 * compares one taken before a step with one taken after. The content is hashed as a stream, a
 * buffer at a time, and only up to {@link #MAX_HASHED_BYTES}: a lesson pack may name an 8 GiB file,
 * and reading it whole once killed the lab. A larger file is fingerprinted by its identity and
 * times instead (device, inode, size, modification and status-change time): every write moves its
 * ctime, which no unprivileged call can set back (utimensat sets ctime to now; inode(7)).
 */
public final class FileFingerprint {
  /** Files up to this size are hashed in full (about a tenth of a second here). */
  public static final long MAX_HASHED_BYTES = 64L << 20;

  private FileFingerprint() {}

  /** "absent", "not a file", "unreadable", a SHA-256, or the identity of a larger file. */
  public static String of(Path p) {
    return of(p, MAX_HASHED_BYTES);
  }

  static String of(Path p, long maxHashedBytes) {
    if (!Files.isRegularFile(p)) {
      return Files.exists(p) ? "not a file" : "absent";
    }
    try {
      long size = Files.size(p);
      return size > maxHashedBytes ? identity(p) : sha256(p, maxHashedBytes);
    } catch (IOException | NoSuchAlgorithmException e) {
      return "unreadable";
    }
  }

  private static String sha256(Path p, long maxBytes) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (InputStream in = Files.newInputStream(p)) {
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        total += n;
        if (total > maxBytes) {
          // it grew while being read: judged by identity, never by a partial hash
          return identity(p);
        }
        md.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String identity(Path p) throws IOException {
    Map<String, Object> a =
        Files.readAttributes(
            p, "unix:dev,ino,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
    return "larger than "
        + (MAX_HASHED_BYTES >> 20)
        + " MiB, not hashed: dev "
        + a.get("dev")
        + " inode "
        + a.get("ino")
        + " size "
        + a.get("size")
        + " mtime "
        + a.get("lastModifiedTime")
        + " ctime "
        + a.get("ctime");
  }
}
