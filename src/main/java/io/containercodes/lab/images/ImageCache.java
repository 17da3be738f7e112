package io.containercodes.lab.images;

import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Built image archives, kept by recipe hash so a second engine on the same machine (or the same
 * engine after {@code clean --images}) loads in seconds what took a minute to build. One archive
 * per image: storing a new hash removes the old one.
 */
final class ImageCache {
  private final Path dir;

  ImageCache(Path dir) {
    this.dir = dir;
  }

  static ImageCache forUser(Map<String, String> env) {
    return new ImageCache(LabDirectories.cache(env).resolve("images"));
  }

  private static String fileName(String name, String hash) {
    return name.replace('/', '-') + "-" + hash + ".tar";
  }

  Optional<Path> find(String name, String hash) {
    Path p = dir.resolve(fileName(name, hash));
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
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
