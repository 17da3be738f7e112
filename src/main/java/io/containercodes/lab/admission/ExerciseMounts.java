package io.containercodes.lab.admission;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.engine.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A learner's exercise line may hand the container write access only inside the exercise's own
 * folder. The guardrails already refuse the host's sensitive places; this closes the lab's own
 * files: {@code -v $(pwd)/..:/work} is none of those, yet a wrong answer with it could rewrite
 * every other demo of the checkout. Read-only mounts and named volumes are not judged here.
 */
final class ExerciseMounts {
  private ExerciseMounts() {}

  static void requireWritableInside(Path exerciseDir, RunSpec spec) {
    Path base = real(exerciseDir);
    List<String> outside =
        spec.binds().stream()
            .filter(b -> !b.readOnly() && b.hostPath().startsWith("/"))
            .filter(b -> !real(Path.of(b.hostPath())).startsWith(base))
            .map(b -> Quote.input(b.hostPath()))
            .toList();
    if (!outside.isEmpty()) {
      throw new InvalidInput(
          "Your line mounts "
              + String.join(", ", outside)
              + " writable, outside this exercise's folder ("
              + Quote.input(exerciseDir.toString())
              + "): a wrong answer could change files the lab or you need.",
          "Mount only what the exercise names (its folder is $(pwd)), or add :ro. Start the line"
              + " with --i-understand only if you mean to let the container write there.");
    }
  }

  /** The real path of what exists, so a symlink or .. cannot smuggle a mount out of the folder. */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return Files.exists(abs) ? abs.toRealPath() : abs;
    } catch (IOException e) {
      return abs;
    }
  }
}
