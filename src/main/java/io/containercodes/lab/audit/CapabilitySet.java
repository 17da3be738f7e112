package io.containercodes.lab.audit;

import io.containercodes.lab.runline.Capabilities;
import java.util.ArrayList;
import java.util.List;

/** A capability mask from /proc/self/status, decoded to names in bit order. */
final class CapabilitySet {
  private CapabilitySet() {}

  static List<String> decode(String hex) {
    List<String> names = new ArrayList<>();
    if (hex == null || hex.isBlank()) {
      return names;
    }
    long mask = Long.parseUnsignedLong(hex.strip(), 16);
    for (int bit = 0; bit < 64; bit++) {
      if ((mask & (1L << bit)) != 0) {
        names.add(bit < Capabilities.BY_BIT.size() ? Capabilities.BY_BIT.get(bit) : "CAP_" + bit);
      }
    }
    return names;
  }
}
