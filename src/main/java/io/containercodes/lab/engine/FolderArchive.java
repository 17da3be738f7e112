package io.containercodes.lab.engine;

import io.containercodes.lab.host.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A lab folder as a tar archive for the engine's archive API, and the archive the engine gives back
 * written over the folder ({@link HostCopies}). Links are never followed on this machine: a link
 * the lab's folder holds goes in as a link, and one a container made comes back as a link, never as
 * a way out — an entry whose path passes through a link, or leads out of the folder, is left out,
 * so a container cannot write onto the host through its copy.
 */
final class FolderArchive {
  private FolderArchive() {}

  /** The folder's contents (or the one file) as a tar, entries relative to it ("f", "d/g"). */
  static byte[] of(Path source) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> walk = Files.walk(source)) {
          for (Path p : walk.sorted().toList()) {
            add(tar, p, p.equals(source) ? "./" : source.relativize(p).toString());
          }
        }
      } else {
        add(tar, source, source.getFileName().toString());
      }
    }
    return bytes.toByteArray();
  }

  private static void add(TarArchiveOutputStream tar, Path p, String name) throws IOException {
    TarArchiveEntry e;
    if (Files.isSymbolicLink(p)) {
      e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      e.setLinkName(Files.readSymbolicLink(p).toString());
    } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      e = new TarArchiveEntry(name);
      e.setSize(Files.size(p));
    } else {
      return; // a socket or device: nothing a container should get through a copy
    }
    e.setMode(modeOf(p, e));
    e.setUserId(attr(p, "unix:uid"));
    e.setGroupId(attr(p, "unix:gid"));
    tar.putArchiveEntry(e);
    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.copy(p, tar);
    }
    tar.closeArchiveEntry();
  }

  private static int modeOf(Path p, TarArchiveEntry e) throws IOException {
    int type = e.isDirectory() ? 040000 : e.isSymbolicLink() ? 0120000 : 0100000;
    Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return type | (((Integer) mode) & 07777);
  }

  private static long attr(Path p, String name) throws IOException {
    return ((Number) Files.getAttribute(p, name, LinkOption.NOFOLLOW_LINKS)).longValue();
  }

  /**
   * Writes the engine's archive of a copy over {@code target}: its first path component (the folder
   * the engine named, e.g. "0/") is dropped. A folder ends as the archive has it, so what a
   * container removed is removed here too; a single file is written only when the archive has it.
   *
   * @param single the bind was one file: {@code target} is that file
   */
  static void extract(InputStream archive, Path target, boolean single) throws IOException {
    Path root = single ? target.getParent() : target;
    Set<Path> kept = new HashSet<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      TarArchiveEntry e;
      while ((e = tar.getNextTarEntry()) != null) {
        Path to = placeOf(root, e.getName());
        if (to == null || single && !to.equals(target)) {
          continue;
        }
        if (write(tar, e, to)) {
          kept.add(to);
        }
      }
    }
    if (!single) {
      removeOthers(root, kept);
    }
  }

  /** Where an entry goes below root, or null when it would leave it or pass a link on the way. */
  static Path placeOf(Path root, String name) {
    String[] parts = name.split("/", 2);
    if (parts.length < 2 || parts[1].isEmpty()) {
      return null; // the copy's own folder: root itself stays as it is
    }
    Path rel = Path.of(parts[1]).normalize();
    if (rel.isAbsolute() || rel.startsWith("..") || rel.toString().isEmpty()) {
      return null;
    }
    Path to = root.resolve(rel);
    for (Path p = to.getParent(); p != null && p.startsWith(root) && !p.equals(root); ) {
      if (Files.isSymbolicLink(p)) {
        return null;
      }
      p = p.getParent();
    }
    return to;
  }

  private static boolean write(InputStream tar, TarArchiveEntry e, Path to) throws IOException {
    if (e.isDirectory()) {
      if (Files.isSymbolicLink(to) || Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(to);
      }
      Files.createDirectories(to);
    } else if (e.isLink()) {
      return hardLink(e, to);
    } else if (e.isSymbolicLink()) {
      replaceable(to);
      Files.createSymbolicLink(to, Path.of(e.getLinkName()));
      return true;
    } else if (e.isFile()) {
      replaceable(to);
      try (OutputStream out =
          Files.newOutputStream(
              to,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        tar.transferTo(out);
      }
    } else {
      return false; // a device, fifo or hard link: not brought onto this machine
    }
    Files.setPosixFilePermissions(to, permissions(e.getMode()));
    return true;
  }

  /**
   * A hard link of the archive (busybox's applets are): a copy of the file it names, when that is a
   * regular file already written below the same root; otherwise left out.
   */
  private static boolean hardLink(TarArchiveEntry e, Path to) throws IOException {
    Path from = placeOf(rootOf(to, e.getName()), e.getLinkName());
    if (from == null || !Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    replaceable(to);
    Files.copy(
        from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return true;
  }

  /** The root an entry was placed below: {@code to} less the entry's path after its first part. */
  private static Path rootOf(Path to, String name) {
    int depth = Path.of(name).normalize().getNameCount() - 1;
    Path root = to;
    for (int i = 0; i < depth; i++) {
      root = root.getParent();
    }
    return root;
  }

  /** Makes room for an entry: a link or file in its place goes (a folder stays for a folder). */
  private static void replaceable(Path to) throws IOException {
    if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
      FileTrees.deleteQuietly(to);
    } else {
      Files.deleteIfExists(to);
    }
    Files.createDirectories(to.getParent());
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    List<PosixFilePermission> order =
        List.of(
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ);
    for (int bit = 0; bit < order.size(); bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(order.get(bit));
      }
    }
    return set;
  }

  /** What the container removed: entries below root the archive no longer has. */
  private static void removeOthers(Path root, Set<Path> kept) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!p.equals(root) && !kept.contains(p) && !hasKeptBelow(p, kept)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static boolean hasKeptBelow(Path p, Set<Path> kept) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
        && kept.stream().anyMatch(k -> k.startsWith(p));
  }
}
