package io.containercodes.lab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which of a run's binds reach a swarm task as configs, and with what files (issue #32, item 2): a
 * read-only bind of the lab's own folders (a demo's files and scripts, the exercise's scratch copy)
 * becomes one config per file at its path in the container, with the file's mode and owner. A
 * config is read-only wherever the task lands, so only a read-only bind travels: a writable one
 * would lose what the task wrote on another node, and stays refused ({@link SwarmMapping}), as does
 * a folder of the learner's, a socket or a device. This is a function of the run's mounts alone, so
 * a run's service and a helper's (a canary's) go through the same one.
 */
final class SwarmFiles {
  /**
   * Docker documents 500 KB as a config's limit; 26.1 measured takes up to 1000 KiB, but a swarm
   * keeps every config in its raft store on every manager, and 500 KB holds on any Docker 25+.
   */
  static final long MAX_BYTES = 500L * 1024;

  /** Why a file above the limit, a link or a special file is refused. */
  static final String LIMITS =
      "a swarm config holds one regular file of at most 500 KB, so a larger file, a link or a"
          + " special file cannot travel to a task";

  /** One file for a config: where the task sees it, its bytes, mode and owner. */
  record File(String target, byte[] data, int mode, int uid, int gid) {}

  /**
   * @param rest the run without the binds that travel as configs (the mapping judges the others)
   * @param files the configs' files, in the order of the binds
   * @param carried the binds that travel, as the line wrote them
   */
  record Plan(RunSpec rest, List<File> files, List<RunSpec.BindMount> carried) {}

  private SwarmFiles() {}

  /**
   * @param labs the binds of the lab's own folders ({@link HostCopies#copies}); none for a run
   *     whose binds must stay refused (the fact probe measures whether the engine sees host files)
   */
  static Plan plan(RunSpec spec, Predicate<RunSpec.BindMount> labs) {
    List<RunSpec.BindMount> rest = new ArrayList<>();
    List<RunSpec.BindMount> carried = new ArrayList<>();
    List<File> files = new ArrayList<>();
    for (RunSpec.BindMount b : spec.binds()) {
      if (b.readOnly() && labs.test(b)) {
        files.addAll(files(b));
        carried.add(b);
      } else {
        rest.add(b);
      }
    }
    return new Plan(spec.toBuilder().binds(rest).build(), List.copyOf(files), List.copyOf(carried));
  }

  /** The bind's files: a file at the bind's path, or each regular file below a folder. */
  private static List<File> files(RunSpec.BindMount b) {
    Path source = Guardrails.real(Path.of(b.hostPath()));
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      return List.of(file(b, source, b.containerPath()));
    }
    List<File> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(source)) { // follows no link
      for (Path p : walk.sorted().toList()) {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          String relative = source.relativize(p).toString().replace('\\', '/');
          files.add(file(b, p, b.containerPath().replaceAll("/+$", "") + "/" + relative));
        }
      }
    } catch (IOException e) {
      throw unreadable(b, source, e);
    }
    return files;
  }

  private static File file(RunSpec.BindMount b, Path p, String target) {
    String why = null;
    try {
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        why = p + " is a link or a special file, not a regular file";
      } else if (Files.size(p) > MAX_BYTES) {
        why = p + " has " + Files.size(p) + " bytes, more than a config's 500 KB";
      }
      if (why != null) {
        throw SwarmMapping.refusal(
            "-v " + b.hostPath() + ":" + b.containerPath(), why + "; " + LIMITS);
      }
      return new File(
          target,
          Files.readAllBytes(p),
          mode(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)),
          (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS),
          (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException e) {
      throw unreadable(b, p, e);
    }
  }

  private static RuntimeException unreadable(RunSpec.BindMount b, Path p, Exception e) {
    return SwarmMapping.refusal(
        "-v " + b.hostPath() + ":" + b.containerPath(),
        p + " cannot be read to travel as a config: " + e.getMessage());
  }

  /** The permission bits as a number (0644 for rw-r--r--). */
  static int mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission p : permissions) {
      mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0: bit 8
    }
    return mode;
  }
}
