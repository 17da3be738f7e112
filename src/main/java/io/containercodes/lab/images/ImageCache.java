package io.containercodes.lab.images;

import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Built image archives, kept by recipe hash so a second engine on the same machine (or the same
 * engine after {@code clean --images}) loads in seconds what took a minute to build. One archive
 * per image: storing a new hash removes the old one.
 */
final class ImageCache {
  /** Where root's lab keeps its archives; other users read it, never write it. */
  static final Path SYSTEM = Path.of("/var/cache/cclab/images");

  private final Path dir;

  /** Root's cache, read by a non-root lab after its own; null for root or an overridden cache. */
  private final Path shared;

  ImageCache(Path dir) {
    this(dir, null);
  }

  ImageCache(Path dir, Path shared) {
    this.dir = dir;
    this.shared = shared;
  }

  static ImageCache forUser(Map<String, String> env) {
    Path dir = LabDirectories.cache(env).resolve("images");
    String override = env.get("CCLAB_CACHE_DIR");
    boolean own = HostFacts.read().root() || (override != null && !override.isBlank());
    return new ImageCache(dir, own ? null : SYSTEM);
  }

  private static String fileName(String name, String hash) {
    return name.replace('/', '-') + "-" + hash + ".tar";
  }

  /**
   * The archive of this recipe hash: the user's own, else one root's lab built (a user's lab cannot
   * build cclab/python, which needs root). Root's archive is taken only when root owns it and its
   * folder and no one else may write either: the archive chooses what the engine runs.
   */
  Optional<Path> find(String name, String hash) {
    Path p = dir.resolve(fileName(name, hash));
    if (Files.isRegularFile(p)) {
      return Optional.of(p);
    }
    if (shared != null) {
      Path s = shared.resolve(fileName(name, hash));
      if (Files.isRegularFile(s, LinkOption.NOFOLLOW_LINKS)
          && rootsAlone(shared)
          && rootsAlone(s)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Owned by root and writable by no one else. */
  private static boolean rootsAlone(Path p) {
    try {
      Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
      return Integer.valueOf(0).equals(uid)
          && !perms.contains(PosixFilePermission.GROUP_WRITE)
          && !perms.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** The folders looked in, for a sentence. */
  String describe() {
    return shared == null ? dir.toString() : dir + " or " + shared;
  }

  /** Moves a freshly built archive into the cache and returns its new place. */
  Path store(String name, String hash, Path archive) throws IOException {
    Files.createDirectories(dir);
    String prefix = name.replace('/', '-') + "-";
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, prefix + "*.tar")) {
      for (Path p : old) {
        Files.deleteIfExists(p);
      }
    }
    Path target = dir.resolve(fileName(name, hash));
    Path tmp = dir.resolve(fileName(name, hash) + ".part");
    Files.move(archive, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  Path dir() {
    return dir;
  }
}
