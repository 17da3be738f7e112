package io.containercodes.lab.host;

import java.nio.file.Path;

/**
 * Where the lab keeps things on the host. Runtime files (the engine socket the lab owns, its log)
 * go under /run for root and XDG_RUNTIME_DIR otherwise, so a reboot clears them.
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
}
