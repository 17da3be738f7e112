package io.containercodes.lab.engine;

import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a container may write on the host without the user's consent: the learner's own working
 * folders, nothing else.
 *
 * <ul>
 *   <li>the current directory's subtree, when the current directory is a project folder: not {@code
 *       /} or another top-level directory, not the home directory or a directory above it, not the
 *       temporary directory or above it (every user's files are there);
 *   <li>the demo folders of the lesson pack in use and of the lab's own checkout ({@code
 *       demos/ID/}; an exercise line is further held to its own folder by the exercise rule);
 *   <li>the lab's own folders: a {@code cclab-*} directory directly in the lab's work folder
 *       ({@link LabDirectories#work}, in the user's cache directory) or in the temporary directory,
 *       that belongs to the user the lab runs as (scratch copies, the audit's kit, the challenge's
 *       project copy);
 *   <li>the sandbox's run folders: a {@code run_*} directory directly in the cache's {@code
 *       sandbox/runs} ({@link LabDirectories#sandboxRuns}) that belongs to that user, holding one
 *       run's own files (its trace, the selftest's workspaces among them).
 * </ul>
 *
 * <p>The lab makes its folders in the user's cache directory, not the temporary directory, because
 * a VM-backed engine shares the user's home with its VM and not /tmp; a {@code cclab-*} folder in
 * the temporary directory is still allowed, as before the move. The sandbox's tracer kit ({@code
 * <cache>/sandbox/kits}) is mounted read-only and so is not among them.
 *
 * <p>The rest of the lab's cache and its state are not among them: the image cache holds archives
 * the lab loads into the engine, and a container that rewrote them would choose the next image.
 */
final class WorkingFolders {
  private final List<Path> trees;
  private final Path tmp;
  private final Path work;
  private final Path sandboxRuns;
  private final Object uid;
  private final Path cache;
  private final Path project;

  private WorkingFolders(
      List<Path> trees, Path tmp, Path cache, Path project, Path sandboxRuns, Object uid) {
    this.trees = List.copyOf(trees);
    this.tmp = tmp;
    this.cache = cache;
    this.project = project;
    this.work = cache.resolve("work");
    this.sandboxRuns = sandboxRuns;
    this.uid = uid;
  }

  static WorkingFolders forHost(Map<String, String> env, Path home) {
    List<Path> trees = new ArrayList<>();
    Path tmp = Guardrails.real(Path.of(System.getProperty("java.io.tmpdir", "/tmp")));
    Path cwd = Guardrails.real(Path.of(""));
    Path project = isProjectFolder(cwd, home, tmp) ? cwd : null;
    if (project != null) {
      trees.add(cwd);
    }
    LabInstallation.packs(env).forEach(p -> trees.add(Guardrails.real(p.resolve("demos"))));
    return of(trees, tmp, Guardrails.real(LabDirectories.cache(env)), project, ownUid());
  }

  /** For tests: the cache's work folder and sandbox runs where {@link LabDirectories} puts them. */
  static WorkingFolders of(List<Path> trees, Path tmp, Path cache, Path project, Object uid) {
    Path runs = cache.resolve("sandbox").resolve("runs");
    return new WorkingFolders(trees, tmp, cache, project, runs, uid);
  }

  /**
   * The distinct folders the lab binds from, each of which a VM engine may share or not on its own
   * (Colima shares the home folder, not a checkout in /opt): the lab's cache (its work folder, the
   * sandbox's runs and kits, the audit's kit all live there), each lesson pack's {@code demos/},
   * and the current directory when it is a project folder (the learner's). Each is measured apart
   * ({@link FolderVisibility}); the cache first, as the fact probe measures it.
   */
  List<Path> roots() {
    List<Path> roots = new ArrayList<>(List.of(cache));
    for (Path t : trees) {
      if (!roots.contains(t)) {
        roots.add(t);
      }
    }
    return roots;
  }

  /** The cache: the root the fact probe's canary measures ({@link FactProbe}). */
  Path cache() {
    return cache;
  }

  /** Whether a root is the learner's own (the current directory's project), not the lab's. */
  boolean isLearners(Path root) {
    return root.equals(project);
  }

  /** The innermost of {@link #roots} that holds {@code real}, or null when none does. */
  Path rootOf(Path real) {
    Path best = null;
    for (Path r : roots()) {
      if (real.startsWith(r) && (best == null || r.getNameCount() > best.getNameCount())) {
        best = r;
      }
    }
    return best;
  }

  /**
   * The binds of a run that the lab may copy in where the engine does not see them: its own folders
   * ({@link #isLabs}); for the sandbox also the script the user named, which it mounts read-only
   * and never writes back.
   */
  java.util.function.Predicate<RunSpec.BindMount> copiable(AdmittedRun.Origin origin) {
    java.util.function.Predicate<RunSpec.BindMount> labs =
        b -> isLabs(Guardrails.real(Path.of(b.hostPath())));
    return origin == AdmittedRun.Origin.SANDBOX ? labs.or(RunSpec.BindMount::readOnly) : labs;
  }

  /** The folders named in a sentence: "the current directory /x, the demo folders of /y". */
  String describe() {
    return "the current directory's subtree when it is a project folder, the lesson pack's demo"
        + " folders, the lab's own cclab-* folders and its sandbox's run folders";
  }

  boolean contains(Path real) {
    for (Path t : trees) {
      if (t.getFileName() != null && t.getFileName().toString().equals("demos")) {
        if (real.startsWith(t) && real.getNameCount() > t.getNameCount()) {
          return true; // a demo's folder or below, not demos/ itself
        }
      } else if (real.startsWith(t)) {
        return true;
      }
    }
    return ownFolder(real, work, "cclab-")
        || ownFolder(real, tmp, "cclab-")
        || ownFolder(real, sandboxRuns, "run_");
  }

  /**
   * Whether a real path is in one of the lab's own folders — a demo folder of a lesson pack, a
   * {@code cclab-*} work folder, a sandbox run folder or the sandbox's tracer kits — and not the
   * learner's: the current directory's subtree is theirs. Where the engine does not see this
   * machine's files, the lab copies these into the engine ({@link HostCopies}); a folder of the
   * learner's is refused instead ({@link UnseenBinds}).
   */
  boolean isLabs(Path real) {
    for (Path t : trees) {
      if (t.getFileName() != null
          && t.getFileName().toString().equals("demos")
          && real.startsWith(t)
          && real.getNameCount() > t.getNameCount()) {
        return true;
      }
    }
    Path kits = sandboxRuns.getParent().resolve("kits");
    return ownFolder(real, work, "cclab-")
        || ownFolder(real, tmp, "cclab-")
        || ownFolder(real, sandboxRuns, "run_")
        || real.startsWith(kits) && real.getNameCount() > kits.getNameCount();
  }

  /** In a folder directly in {@code parent}, named {@code prefix…}, of the lab's own user. */
  private boolean ownFolder(Path real, Path parent, String prefix) {
    if (!real.startsWith(parent) || real.getNameCount() <= parent.getNameCount()) {
      return false;
    }
    Path top = parent.resolve(real.getName(parent.getNameCount()).toString());
    if (!top.getFileName().toString().startsWith(prefix) || uid == null) {
      return false;
    }
    try {
      return Files.isDirectory(top, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && uid.equals(
              Files.getAttribute(top, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean isProjectFolder(Path cwd, Path home, Path tmp) {
    if (cwd.getNameCount() < 2) {
      return false; // "/" or a top-level directory such as /opt or /home
    }
    if (home != null && home.startsWith(cwd)) {
      return false; // the home directory itself, or above it
    }
    return !tmp.startsWith(cwd);
  }

  /** The user the lab runs as: the owner of this process's /proc entry. */
  private static Object ownUid() {
    try {
      return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
