package io.containercodes.lab.engine;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Map;

/**
 * Looks through a directory about to be mounted for what it must not hand over: a Unix socket
 * (found by its file type, so a hard link to an engine's socket is one too, at any depth) and any
 * file or directory that <em>is</em> one of the guarded places by device and inode (a bind mount of
 * /run/cclab inside a project folder). Symlinks are not followed: in the container they resolve in
 * the container's own file tree.
 *
 * <p>The walk is bounded in entries and time, and one that cannot finish (or meets a folder the lab
 * cannot read) says so: the guardrails then ask for consent, never pass it silently.
 */
final class SocketScan {
  static final int MAX_ENTRIES = 50_000;
  static final long MAX_MILLIS = 2_000;

  /**
   * What the walk found: a socket or guarded place ({@code found} and what it is), a walk cut short
   * ({@code unfinished}), or nothing.
   */
  record Result(Path found, String what, boolean unfinished) {
    static final Result NOTHING = new Result(null, null, false);
  }

  private final Map<Object, String> guarded;
  private final int maxEntries;
  private final long maxMillis;

  /**
   * @param guarded file keys (device and inode, {@link BasicFileAttributes#fileKey}) of the engine
   *     sockets and guarded directories, each with how a sentence names it
   */
  SocketScan(Map<Object, String> guarded) {
    this(guarded, MAX_ENTRIES, MAX_MILLIS);
  }

  SocketScan(Map<Object, String> guarded, int maxEntries, long maxMillis) {
    this.guarded = Map.copyOf(guarded);
    this.maxEntries = maxEntries;
    this.maxMillis = maxMillis;
  }

  Result scan(Path root) {
    Result[] result = {Result.NOTHING};
    int[] seen = {0};
    long deadline = System.currentTimeMillis() + maxMillis;
    try {
      Files.walkFileTree(
          root,
          EnumSet.noneOf(FileVisitOption.class),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return visit(dir, attrs);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              return visit(file, attrs);
            }

            private FileVisitResult visit(Path p, BasicFileAttributes attrs) {
              String place = attrs.fileKey() == null ? null : guarded.get(attrs.fileKey());
              if (place != null || (attrs.isOther() && isSocket(p))) {
                result[0] = new Result(p, place, false);
                return FileVisitResult.TERMINATE;
              }
              if (++seen[0] > maxEntries || System.currentTimeMillis() > deadline) {
                result[0] = new Result(null, null, true);
                return FileVisitResult.TERMINATE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof java.nio.file.NoSuchFileException) {
                return FileVisitResult.CONTINUE; // gone meanwhile (a missing source is refused)
              }
              // a folder the lab cannot read may hold what a root engine would still hand over
              result[0] = new Result(null, null, true);
              return FileVisitResult.TERMINATE;
            }
          });
    } catch (IOException e) {
      return Result.NOTHING; // the root itself is unreadable: judged by its path alone
    }
    return result[0];
  }

  static boolean isSocket(Path p) {
    try {
      Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return mode instanceof Integer m && (m & 0170000) == 0140000;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The device-and-inode key of a path that exists, or null. */
  static Object fileKey(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }
}
