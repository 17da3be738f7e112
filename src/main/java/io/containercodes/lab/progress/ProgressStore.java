package io.containercodes.lab.progress;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps {@link Progress} in one JSON file under the XDG state directory. Writes are atomic
 * (temporary file, fsync, rename), so a crash leaves the old file or the new one, never half
 * of each. A file that cannot be read is moved aside and the learner is told where it is:
 * progress is never silently reset.
 */
public final class ProgressStore {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path file;
  private final Consumer<String> notice;

  public ProgressStore(Path file, Consumer<String> notice) {
    this.file = file;
    this.notice = notice;
  }

  public static Path defaultFile(Map<String, String> env) {
    String state = env.get("XDG_STATE_HOME");
    Path base = state != null && !state.isBlank() ? Path.of(state)
        : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
    return base.resolve("cclab").resolve("progress.json");
  }

  public Path file() {
    return file;
  }

  public Progress load() {
    if (!Files.exists(file)) {
      return new Progress();
    }
    String problem;
    try {
      Progress p = JSON.readValue(file.toFile(), Progress.class);
      if (p == null) {
        problem = "it is empty";
      } else if (p.schema > Progress.SCHEMA) {
        problem = "it was written by a newer cclab (schema " + p.schema + ")";
      } else {
        return p;
      }
    } catch (IOException e) {
      problem = "it is not valid progress JSON (" + e.getMessage().split("\n")[0] + ")";
    }
    Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + Instant.now().toString().replace(':', '-'));
    try {
      Files.move(file, aside);
    } catch (IOException e) {
      throw new EnvironmentProblem("Your progress file " + file + " cannot be read (" + problem
          + ") nor moved aside: " + e.getMessage(), "Move it away yourself, then start the lab again.");
    }
    notice.accept("Your progress file could not be read: " + problem + ". It is kept, unchanged, at " + aside
        + "; the lab starts a new one. Nothing was deleted.");
    return new Progress();
  }

  public void save(Progress progress) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(progress);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      notice.accept("Could not save your progress to " + file + ": " + e.getMessage());
    }
  }

  public void reset() {
    try {
      if (Files.exists(file)) {
        Files.move(file, file.resolveSibling(file.getFileName() + ".reset-" + Instant.now().toString().replace(':', '-')),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new EnvironmentProblem("Could not reset " + file + ": " + e.getMessage(), null, e);
    }
  }
}
