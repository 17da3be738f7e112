package io.containercodes.lab.runline;

import io.containercodes.lab.engine.LinuxCapabilities;
import java.util.List;
import java.util.Set;

/**
 * Linux capability names, in bit order (CAP_CHOWN is bit 0), as the kernel defines them: the
 * engine's list ({@link LinuxCapabilities}), which the engine's record needs too.
 */
public final class Capabilities {
  public static final List<String> BY_BIT = LinuxCapabilities.BY_BIT;

  public static final Set<String> NAMES = Set.copyOf(BY_BIT);

  private Capabilities() {}
}
