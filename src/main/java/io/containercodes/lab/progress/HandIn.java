package io.containercodes.lab.progress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Hands an export in to a shared folder (a network share, a synced folder) without a USB stick:
 * thirty learners write into one folder at once, and an instructor's {@code report --watch} reads
 * it while they do. So the file gets a name of its own — learner, machine and time, made safe for
 * any file system — and appears whole or not at all: it is written to a hidden temporary file (not
 * ending in .json, so no report reads it), flushed, then linked to its final name, which fails
 * rather than replace a file already there (then a counter is added).
 */
public final class HandIn {
  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Each part of the name is cut to this many characters, so names stay well under 255 bytes. */
  static final int PART = 40;

  private HandIn() {}

  /** "cclab-progress-ada-lovelace-lab-pc-07-20261130T010203Z.json" */
  public static String fileName(String learner, String host, Instant when) {
    return "cclab-progress-"
        + part(learner, "learner")
        + "-"
        + part(host, "host")
        + "-"
        + STAMP.format(when)
        + ".json";
  }

  /**
   * Letters and digits of the name (accents dropped: "Zoë" → "zoe"), everything else one '-'; ASCII
   * only, so the name survives every share and every locale; never empty, never hidden.
   */
  static String part(String text, String fallback) {
    String plain =
        Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "");
    String s =
        plain
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (s.length() > PART) {
      s = s.substring(0, PART).replaceAll("-+$", "");
    }
    return s.isEmpty() ? fallback : s;
  }

  /** Writes {@code text} into {@code dir} under a new unique name; returns the file. */
  public static Path write(Path dir, String learner, String host, Instant when, String text)
      throws IOException {
    String name = fileName(learner, host, when);
    Path tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
    try {
      readableByAll(
          tmp); // a temp file is rw------- : the instructor, another user, could not read the
      // hand-in
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      for (int n = 1; ; n++) {
        Path target = dir.resolve(n == 1 ? name : name.replace(".json", "-" + n + ".json"));
        try {
          place(tmp, target);
          return target;
        } catch (FileAlreadyExistsException e) {
          if (n >= 100) {
            throw e;
          }
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A hard link is created atomically and never replaces; a share without links gets a checked
   * rename.
   */
  private static void place(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      if (e instanceof FileAlreadyExistsException fe) {
        throw fe;
      }
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * rw-r--r--, where the file system has POSIX permissions (a share without them decides for
   * itself).
   */
  public static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not POSIX: the share's own rules apply
    }
  }

  /** This machine's name, read without a DNS lookup (which may hang on a closed network). */
  public static String hostName(java.util.Map<String, String> env) {
    try {
      String s = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!s.isEmpty()) {
        return s;
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux: fall through
    }
    return env.getOrDefault("HOSTNAME", "host");
  }
}
