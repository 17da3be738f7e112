package io.containercodes.lab.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the lab's own checkout is (the launcher's {@code -Dcclab.home}, else the nearest directory
 * up from the working directory that holds lessons/ and demos/), and which lesson pack is in use
 * ({@code CCLAB_HOME} when set): the same places {@code lesson.LessonPack} looks, which the engine
 * cannot import.
 */
final class LabInstallation {
  private LabInstallation() {}

  /** The lab's own checkout, when it can be found. */
  static Optional<Path> checkout() {
    String home = System.getProperty("cclab.home");
    if (home != null && !home.isBlank() && isPack(Path.of(home))) {
      return Optional.of(Guardrails.real(Path.of(home)));
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (isPack(p)) {
        return Optional.of(Guardrails.real(p));
      }
    }
    return Optional.empty();
  }

  /** The lesson pack in use, when it is not the lab's own. */
  static Optional<Path> otherPack(Map<String, String> env) {
    String pack = env.get("CCLAB_HOME");
    if (pack == null || pack.isBlank() || !isPack(Path.of(pack))) {
      return Optional.empty();
    }
    Path real = Guardrails.real(Path.of(pack));
    return checkout().filter(real::equals).isPresent() ? Optional.empty() : Optional.of(real);
  }

  /** The checkout and the pack in use. */
  static Set<Path> packs(Map<String, String> env) {
    Set<Path> packs = new LinkedHashSet<>();
    checkout().ifPresent(packs::add);
    otherPack(env).ifPresent(packs::add);
    return packs;
  }

  private static boolean isPack(Path p) {
    return Files.isDirectory(p.resolve("lessons")) && Files.isDirectory(p.resolve("demos"));
  }
}
