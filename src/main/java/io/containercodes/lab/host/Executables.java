package io.containercodes.lab.host;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds programs on PATH the way a shell would, without running a shell. */
public final class Executables {
  private final String path;

  public Executables(Map<String, String> env) {
    String p = env.get("PATH");
    this.path =
        p == null || p.isBlank()
            ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
            : p;
  }

  public Optional<Path> find(String name) {
    for (String dir : path.split(File.pathSeparator, -1)) { // empty entries are skipped
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    // sbin is often missing from a non-login PATH, yet runc and apt live there
    for (String dir : new String[] {"/usr/sbin", "/sbin"}) {
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public boolean has(String name) {
    return find(name).isPresent();
  }
}
