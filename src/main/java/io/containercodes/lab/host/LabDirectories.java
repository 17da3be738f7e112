package io.containercodes.lab.host;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the lab keeps things on the host. Runtime files (the engine socket the lab owns, its log)
 * go under /run for root and XDG_RUNTIME_DIR otherwise, so a reboot clears them. What the lab keeps
 * between runs, and the folders a run mounts into containers, go under the cache directory: a
 * VM-backed engine (Podman machine, Docker Desktop) shares the user's home with its VM, not /tmp.
 */
public final class LabDirectories {
  private LabDirectories() {}

  public static Path runtime() {
    if (HostFacts.isRootUser()) {
      return Path.of("/run/cclab");
    }
    String xdg = System.getenv("XDG_RUNTIME_DIR");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "cclab");
    }
    return Path.of(
        System.getProperty("java.io.tmpdir"), "cclab-" + System.getProperty("user.name"));
  }

  /**
   * The lab's cache: {@code CCLAB_CACHE_DIR} when set, {@code /var/cache/cclab} for root, else
   * {@code $XDG_CACHE_HOME/cclab} or {@code ~/.cache/cclab}.
   */
  public static Path cache(Map<String, String> env) {
    String override = env.get("CCLAB_CACHE_DIR");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    if (HostFacts.isRootUser()) {
      return Path.of("/var/cache/cclab");
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("cclab");
  }

  /**
   * The sandbox's run folders: one per run ({@code run_PID_START_…}), holding only that run's own
   * files (its trace, its profile, the selftest's workspaces), removed with the run.
   */
  public static Path sandboxRuns(Map<String, String> env) {
    return cache(env).resolve("sandbox").resolve("runs");
  }
}
