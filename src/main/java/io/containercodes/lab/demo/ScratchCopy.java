package io.containercodes.lab.demo;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.admission.MountRedirect;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's private copy of a demo's {@code scratch:} assets. Every mount of such an asset (or of a
 * path inside it) is pointed at the copy, so whatever a line does to what it mounts — a learner's
 * wrong answer without {@code :ro}, a package that appends to the credentials it finds — lands in
 * the copy, which is removed after the run; the repository's file never reaches a container
 * writable. A mount of a directory that <em>contains</em> a scratch asset would hand over the
 * original, so it is refused.
 *
 * <p>The copy is removed by {@link #close} (the runner's finally: success, failure, timeout, an
 * interrupted run) and, for a JVM stopped by Ctrl-C or SIGTERM mid-run, by a shutdown hook.
 */
final class ScratchCopy implements AutoCloseable, MountRedirect {
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> List.copyOf(LIVE).forEach(ScratchCopy::delete), "cclab-scratch"));
  }

  /** No scratch assets: every mount stays as written. */
  static final ScratchCopy NONE = new ScratchCopy(null, Map.of());

  private final Path root;

  /** Real path of each asset in the demo's directory → its copy. */
  private final Map<Path, Path> copies;

  private ScratchCopy(Path root, Map<Path, Path> copies) {
    this.root = root;
    this.copies = copies;
  }

  /**
   * Copies the demo's scratch assets into a fresh directory only the lab's user can enter.
   *
   * @throws EnvironmentProblem when the copy cannot be made (a run without it would mount the
   *     repository's files)
   */
  static ScratchCopy of(Demo demo) {
    if (demo.scratch().isEmpty()) {
      return NONE;
    }
    Path root = null;
    try {
      root = LabDirectories.newWorkFolder("cclab-scratch-");
      LIVE.add(root);
      Path base = demo.directory().toRealPath();
      Map<Path, Path> copies = new LinkedHashMap<>();
      for (String relative : demo.scratch()) {
        Path source = base.resolve(relative).normalize();
        if (!source.startsWith(base) || Files.isSymbolicLink(source)) {
          throw new IOException(relative + " is not a file or directory of the demo");
        }
        Path target = root.resolve(base.relativize(source).toString());
        copyTree(source, target);
        copies.put(source.toRealPath(), target);
      }
      return new ScratchCopy(root, copies);
    } catch (IOException | UncheckedIOException e) {
      if (root != null) {
        delete(root);
      }
      throw new EnvironmentProblem(
          "Could not make this run's copy of the demo's scratch files: " + e.getMessage(),
          "The lab needs a writable folder of its own: " + LabDirectories.work() + ".",
          e);
    }
  }

  /** Symlinks are refused, not followed: a link could lead the copy (or the mount) anywhere. */
  private static void copyTree(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                dir,
                target.resolve(source.relativize(dir).toString()),
                StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
              throw new IOException(file + " is not a regular file (scratch assets hold no links)");
            }
            Files.copy(
                file,
                target.resolve(source.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** The path a line's host path really means in this run: the copy for a scratch asset. */
  @Override
  public String redirect(String hostPath) {
    if (copies.isEmpty()) {
      return hostPath;
    }
    Path p = real(Path.of(hostPath));
    for (Map.Entry<Path, Path> c : copies.entrySet()) {
      if (p.startsWith(c.getKey())) {
        return c.getValue().resolve(c.getKey().relativize(p).toString()).toString();
      }
      if (c.getKey().startsWith(p)) {
        throw new InvalidInput(
            "-v "
                + Quote.input(hostPath)
                + " holds "
                + c.getKey().getFileName()
                + ", which each run gets as a fresh copy; a mount of the directory around it would"
                + " hand the container the repository's own file.",
            "Mount the file or directory itself, e.g. -v $(pwd)/"
                + c.getKey().getFileName()
                + ":…");
      }
    }
    return hostPath;
  }

  /**
   * The path with symlinks resolved as far as it exists, so a link or {@code ..} cannot hide an
   * asset.
   */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs).toString());
    } catch (IOException e) {
      return abs;
    }
  }

  /** Where the copies live; null without scratch assets. */
  Path root() {
    return root;
  }

  @Override
  public void close() {
    if (root != null) {
      delete(root);
    }
  }

  /**
   * Best effort: a file the container made with another owner may resist, and a leftover in the
   * temp directory is no harm to the repository.
   */
  private static void delete(Path root) {
    FileTrees.deleteQuietly(root);
    LIVE.remove(root);
  }
}
