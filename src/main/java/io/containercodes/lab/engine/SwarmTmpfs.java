package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * A run's {@code --tmpfs} as a swarm service's tmpfs mount. Engine API 1.44's TmpfsOptions hold a
 * size and a mode only (mount flags came in 1.46), and Docker mounts every tmpfs {@code
 * noexec,nosuid,nodev} (measured on Docker 26.1: "rw,nosuid,nodev,noexec"): those flags, {@code rw}
 * and a size or mode map; anything else ({@code exec}, {@code ro}, {@code uid=}…) would be dropped,
 * so it is refused with a sentence.
 */
final class SwarmTmpfs {
  /** Why an option other than a size, a mode and Docker's own flags is refused. */
  static final String LIMITS =
      "a swarm service's tmpfs takes only a size and a mode (Engine API 1.44), and is always"
          + " noexec,nosuid,nodev, so another option (exec, ro, uid=…) cannot be kept";

  private SwarmTmpfs() {}

  static void apply(RunSpec spec, SwarmMapping.Target target) {
    ArrayNode mounts = target.container().withArray("Mounts");
    for (RunSpec.Tmpfs t : spec.tmpfs()) {
      ObjectNode mount = mounts.addObject().put("Type", "tmpfs").put("Target", t.containerPath());
      ObjectNode options = mount.putObject("TmpfsOptions");
      if (t.options() == null || t.options().isBlank()) {
        continue;
      }
      for (String o : t.options().split(",")) {
        option(t, o.strip().toLowerCase(Locale.ROOT), options);
      }
    }
  }

  private static void option(RunSpec.Tmpfs t, String o, ObjectNode options) {
    if (o.isEmpty()
        || o.equals("rw")
        || o.equals("noexec")
        || o.equals("nosuid")
        || o.equals("nodev")) {
      return; // Docker's tmpfs is rw,noexec,nosuid,nodev whatever is asked
    }
    try {
      if (o.startsWith("size=")) {
        options.put("SizeBytes", bytes(o.substring("size=".length())));
        return;
      }
      if (o.startsWith("mode=")) {
        // a FileMode: the number itself, so the octal text is read as octal
        options.put("Mode", Integer.parseInt(o.substring("mode=".length()), 8));
        return;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw SwarmMapping.refusal(
        "--tmpfs " + t.containerPath() + ":" + o,
        "a swarm service's tmpfs takes only a size and a mode (Engine API 1.44), and is always"
            + " noexec,nosuid,nodev, so '"
            + o
            + "' cannot be kept");
  }

  /** "16m", "1g", "512k" or bytes. */
  static long bytes(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    switch (last) {
      case 'k' -> unit = 1L << 10;
      case 'm' -> unit = 1L << 20;
      case 'g' -> unit = 1L << 30;
      default -> {}
    }
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    return Math.multiplyExact(Long.parseLong(digits), unit);
  }
}
