package io.containercodes.lab.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the guardrails judge a bind mount: by what its real path is and holds, never by how the line
 * spells it. From the worst down: the whole host, an engine's socket or state at, below or above
 * it, a tree of secrets, a writable program tree or home directory, a socket or guarded place found
 * inside it (by file type, and by device and inode), and any writable place outside the learner's
 * working folders ({@link WorkingFolders}).
 */
final class MountRules {
  /** Host trees whose contents are secrets or live kernel state: refused even read-only. */
  static final List<String> SECRET_TREES = List.of("/etc", "/proc", "/sys", "/dev", "/root");

  /**
   * Host trees of programs and system state: a writable mount lets code replace what the host runs.
   */
  static final List<String> SYSTEM_TREES =
      List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/boot", "/var/lib");

  private final List<Path> engineRuntime;
  private final Path home;
  private final WorkingFolders working;
  private final SocketScan scan;

  MountRules(List<Path> engineRuntime, Path home, WorkingFolders working) {
    this.engineRuntime = List.copyOf(engineRuntime);
    this.home = home;
    this.working = working;
    this.scan = new SocketScan(guardedKeys(engineRuntime));
  }

  /** Device-and-inode keys of the engine places and secret trees that exist here. */
  private static Map<Object, String> guardedKeys(List<Path> engineRuntime) {
    Map<Object, String> keys = new LinkedHashMap<>();
    for (Path p : engineRuntime) {
      Object k = SocketScan.fileKey(p);
      if (k != null) {
        keys.putIfAbsent(k, "the engine's " + (SocketScan.isSocket(p) ? "socket " : "") + p);
      }
    }
    for (String t : SECRET_TREES) {
      Object k = SocketScan.fileKey(Path.of(t));
      if (k != null) {
        keys.putIfAbsent(k, "the host's " + t);
      }
    }
    Object root = SocketScan.fileKey(Path.of("/"));
    if (root != null) {
      keys.putIfAbsent(root, "the host's whole filesystem (/)");
    }
    return keys;
  }

  /**
   * Why a source cannot be mounted at all, consent or not: one that does not exist. Podman's compat
   * API (and Docker's, for -v) would create it on the host, as the engine's user.
   */
  static String missing(RunSpec.BindMount b) {
    if (Files.exists(Path.of(b.hostPath()))) {
      return null;
    }
    return "names "
        + b.hostPath()
        + ", which does not exist on the host: the engine would create it there (as root, for a"
        + " root engine). Create it first, or correct the path.";
  }

  /** The first reason a bind mount hands over the host, checked from the worst down; or null. */
  String problem(RunSpec.BindMount b) {
    Path path = Guardrails.real(Path.of(b.hostPath()));
    String why = rootOrEngineState(path);
    if (why == null) {
      why = secretTree(path.toString(), b.readOnly());
    }
    if (why == null && !b.readOnly()) {
      why = writableHostTree(path);
    }
    if (why == null && !(b.readOnly() && isSystemTree(path))) {
      // read-only program trees hold no sockets (FHS) and are too large to walk
      why = contents(scan.scan(path));
    }
    if (why == null && !b.readOnly() && !working.contains(path)) {
      why = outsideWorkingFolders(path);
    }
    return why;
  }

  private static String contents(SocketScan.Result r) {
    if (r.unfinished()) {
      return "could not be looked through whole for sockets and engine places (more than "
          + SocketScan.MAX_ENTRIES
          + " entries, more than "
          + SocketScan.MAX_MILLIS / 1000
          + " s, or a folder the lab cannot read): mount the folder the container needs, not one"
          + " above it.";
    }
    if (r.found() == null) {
      return null;
    }
    if (r.what() != null) {
      return "holds "
          + r.found()
          + ", which is "
          + r.what()
          + " (the same device and inode: a hard link or a mount of it): whoever holds it acts"
          + " with the rights of the host service behind it, and an engine's socket is root on"
          + " the host.";
    }
    return "contains the socket "
        + r.found()
        + ": whoever can talk to it acts with the rights of the host service behind it (an engine"
        + " socket is root on the host).";
  }

  private String outsideWorkingFolders(Path path) {
    String whose =
        path.startsWith("/home") && (home == null || !path.startsWith(home))
            ? "another user's home (/"
                + path.subpath(0, Math.min(2, path.getNameCount()))
                + "): code in the container could plant what they run or trust"
            : "a place outside your working folders: code in the container could change what"
                + " someone or something else on the host relies on";
    return "mounts "
        + path
        + " writable, "
        + whose
        + ". Writable mounts are for "
        + working.describe()
        + "; add :ro if the container only needs to read it.";
  }

  private String rootOrEngineState(Path path) {
    if (path.toString().equals("/")) {
      return "mounts the host's whole filesystem into the container.";
    }
    for (Path r : engineRuntime) {
      if (path.startsWith(r) || r.startsWith(path)) {
        return "hands the container the engine's socket or state ("
            + r
            + "): whoever holds the socket can start a privileged container and own the host.";
      }
    }
    return null;
  }

  private static String secretTree(String p, boolean readOnly) {
    for (String tree : SECRET_TREES) {
      if (within(p, tree)) {
        return "exposes the host's "
            + tree
            + " to the container"
            + (readOnly
                ? " (even read-only, it reveals secrets and host details)."
                : ", writable.");
      }
    }
    return null;
  }

  /** A writable mount of a host program tree or of a home directory. */
  private String writableHostTree(Path path) {
    String p = path.toString();
    for (String tree : SYSTEM_TREES) {
      if (within(p, tree) || within(tree, p)) {
        return "mounts the host's "
            + tree
            + " writable: code in the container can change programs and state the host"
            + " itself runs. Add :ro if the container only needs to read it.";
      }
    }
    if (home != null && (path.equals(home) || home.startsWith(path))) {
      return "mounts a home directory writable: code in the container can edit .bashrc, .profile"
          + " or .ssh/authorized_keys, which the host runs or trusts at the next login."
          + " Mount the project directory instead, or add :ro.";
    }
    return null;
  }

  static boolean isSystemTree(Path real) {
    return SYSTEM_TREES.stream().anyMatch(t -> within(real.toString(), t));
  }

  static boolean within(String path, String tree) {
    return path.equals(tree) || path.startsWith(tree.endsWith("/") ? tree : tree + "/");
  }
}
