package io.containercodes.lab.audit;

import io.containercodes.lab.engine.LinuxCapabilities;
import java.util.List;

/** A capability mask from /proc/self/status, decoded to names in bit order. */
final class CapabilitySet {
  private CapabilitySet() {}

  static List<String> decode(String hex) {
    return LinuxCapabilities.decode(hex);
  }
}
