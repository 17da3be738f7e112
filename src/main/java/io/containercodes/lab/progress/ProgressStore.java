package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Keeps {@link Progress} in one JSON file under the XDG state directory. Writes are atomic (a
 * temporary file of this process's own, fsync, rename), so a crash — or a reader in another window
 * — sees the old file or the new one, never half of each. Several processes may share the file (two
 * REPL windows of one learner): a save holds a lock on the sibling {@code progress.json.lock} while
 * it reads the file, merges this process's changes into it ({@link ProgressMerge}) and writes it
 * back, so nobody's update is lost. A file that cannot be read is moved aside and the learner is
 * told where it is: progress is never silently reset.
 */
public final class ProgressStore {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * A file lock belongs to the whole JVM (a second lock from the same JVM throws), so threads of
   * one process queue here first, then processes queue on the file lock.
   */
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Consumer<String> notice;

  /**
   * What this store last read or wrote: the base that tells this process's changes from others'.
   */
  private Progress base;

  /**
   * The last save problem told to the learner: a read-only directory is said once, not after every
   * command.
   */
  private String toldProblem;

  public ProgressStore(Path file, Consumer<String> notice) {
    this.file = file;
    this.notice = notice;
  }

  public static Path defaultFile(Map<String, String> env) {
    String state = env.get("XDG_STATE_HOME");
    Path base =
        state != null && !state.isBlank()
            ? Path.of(state)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
    return base.resolve("cclab").resolve("progress.json");
  }

  public Path file() {
    return file;
  }

  public Progress load() {
    Progress p = read();
    base = copy(p);
    return p;
  }

  private Progress read() {
    if (!Files.exists(file)) {
      return new Progress();
    }
    String problem;
    try {
      Progress p = JSON.readValue(file.toFile(), Progress.class);
      if (p == null) {
        problem = "it is empty";
      } else if (p.schema() > Progress.SCHEMA) {
        problem = "it was written by a newer cclab (schema " + p.schema() + ")";
      } else {
        p.upgradeSchema();
        return p;
      }
    } catch (IOException e) {
      problem =
          "it is not valid progress JSON (" + e.getMessage().lines().findFirst().orElse("") + ")";
    }
    Path aside =
        file.resolveSibling(
            file.getFileName() + ".unreadable-" + Instant.now().toString().replace(':', '-'));
    try {
      Files.move(file, aside);
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Your progress file "
              + file
              + " cannot be read ("
              + problem
              + ") nor moved aside: "
              + e.getMessage(),
          "Move it away yourself, then start the lab again.");
    }
    notice.accept(
        "Your progress file could not be read: "
            + problem
            + ". It is kept, unchanged, at "
            + aside
            + "; the lab starts a new one. Nothing was deleted.");
    return new Progress();
  }

  /**
   * Writes this process's changes since {@link #load} into the file, merged with what other
   * processes wrote meanwhile; {@code progress} then holds the merged result. A store that never
   * loaded has no base to merge against: its progress replaces the file's.
   */
  public void save(Progress progress) {
    try {
      Files.createDirectories(file.getParent());
      withLock(
          () -> {
            Progress merged = base == null ? progress : ProgressMerge.merge(base, progress, read());
            write(merged);
            if (merged != progress) {
              progress.replaceWith(merged);
            }
            base = copy(merged);
          });
      toldProblem = null;
    } catch (IOException e) {
      String problem =
          "Could not save your progress to "
              + file
              + ": "
              + (e instanceof java.nio.file.AccessDeniedException denied
                  ? denied.getFile() + " is not writable"
                  : e.getMessage());
      if (!problem.equals(toldProblem)) {
        notice.accept(problem + ". The lab goes on without saving it (said once).");
        toldProblem = problem;
      }
    }
  }

  private void write(Progress progress) throws IOException {
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(progress);
    // a name of this process's own: with one shared ".tmp" name, two windows truncated each other's
    // file
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public void reset() {
    try {
      Files.createDirectories(file.getParent());
      withLock(
          () -> {
            if (Files.exists(file)) {
              Files.move(
                  file,
                  file.resolveSibling(
                      file.getFileName() + ".reset-" + Instant.now().toString().replace(':', '-')),
                  StandardCopyOption.REPLACE_EXISTING);
            }
            base = new Progress();
          });
    } catch (IOException e) {
      throw new EnvironmentProblem("Could not reset " + file + ": " + e.getMessage(), null, e);
    }
  }

  private interface Locked {
    void run() throws IOException;
  }

  /**
   * Runs {@code body} holding the lock file, which is never deleted (deleting it would let two
   * holders in).
   */
  private void withLock(Locked body) throws IOException {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock").toAbsolutePath().normalize();
    ReentrantLock here = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    here.lock();
    try (FileChannel ch =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = ch.lock();
      try {
        body.run();
      } finally {
        lock.release();
      }
    } finally {
      here.unlock();
    }
  }

  private static Progress copy(Progress p) {
    return JSON.convertValue(p, Progress.class);
  }
}
