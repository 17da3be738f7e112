package io.containercodes.lab.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Linux capability names, in bit order (CAP_CHOWN is bit 0) as the kernel defines them
 * (include/uapi/linux/capability.h), and the sets the engines start from.
 */
public final class LinuxCapabilities {
  public static final List<String> BY_BIT =
      List.of(
          "CHOWN",
          "DAC_OVERRIDE",
          "DAC_READ_SEARCH",
          "FOWNER",
          "FSETID",
          "KILL",
          "SETGID",
          "SETUID",
          "SETPCAP",
          "LINUX_IMMUTABLE",
          "NET_BIND_SERVICE",
          "NET_BROADCAST",
          "NET_ADMIN",
          "NET_RAW",
          "IPC_LOCK",
          "IPC_OWNER",
          "SYS_MODULE",
          "SYS_RAWIO",
          "SYS_CHROOT",
          "SYS_PTRACE",
          "SYS_PACCT",
          "SYS_ADMIN",
          "SYS_BOOT",
          "SYS_NICE",
          "SYS_RESOURCE",
          "SYS_TIME",
          "SYS_TTY_CONFIG",
          "MKNOD",
          "LEASE",
          "AUDIT_WRITE",
          "AUDIT_CONTROL",
          "SETFCAP",
          "MAC_OVERRIDE",
          "MAC_ADMIN",
          "SYSLOG",
          "WAKE_ALARM",
          "BLOCK_SUSPEND",
          "AUDIT_READ",
          "PERFMON",
          "BPF",
          "CHECKPOINT_RESTORE");

  public static final Set<String> NAMES = Set.copyOf(BY_BIT);

  /**
   * Docker Engine's default set (moby oci/caps/defaults.go, unchanged from 20.10 to 26): what a
   * container gets when the line adds and drops nothing.
   */
  public static final Set<String> DOCKER_DEFAULT =
      Set.of(
          "CHOWN",
          "DAC_OVERRIDE",
          "FSETID",
          "FOWNER",
          "MKNOD",
          "NET_RAW",
          "SETGID",
          "SETUID",
          "SETFCAP",
          "SETPCAP",
          "NET_BIND_SERVICE",
          "SYS_CHROOT",
          "KILL",
          "AUDIT_WRITE");

  private LinuxCapabilities() {}

  /** "cap_chown", "CAP_CHOWN" and "chown" are all "CHOWN"; "all" is "ALL". */
  public static String normalise(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT);
    return n.startsWith("CAP_") ? n.substring(4) : n;
  }

  /**
   * A capability mask from /proc/self/status (hex) as names in bit order; "CAP_40"-style past the
   * list.
   */
  public static List<String> decode(String hex) {
    List<String> names = new ArrayList<>();
    if (hex == null || hex.isBlank()) {
      return names;
    }
    long mask = Long.parseUnsignedLong(hex.strip(), 16);
    for (int bit = 0; bit < 64; bit++) {
      if ((mask & (1L << bit)) != 0) {
        names.add(bit < BY_BIT.size() ? BY_BIT.get(bit) : "CAP_" + bit);
      }
    }
    return names;
  }

  /**
   * What Docker makes of a line's additions and removals (moby oci/caps TweakCapabilities):
   * privileged gets everything; "ALL" added gives everything but the drops; "ALL" dropped gives
   * exactly the additions; otherwise the default minus the drops plus the additions.
   */
  static Set<String> dockerBounding(List<String> added, List<String> dropped, boolean privileged) {
    if (privileged || added.contains("ALL")) {
      Set<String> all = new LinkedHashSet<>(BY_BIT);
      if (!privileged) {
        all.removeAll(dropped);
      }
      return all;
    }
    Set<String> caps = new LinkedHashSet<>();
    if (!dropped.contains("ALL")) {
      caps.addAll(DOCKER_DEFAULT);
      caps.removeAll(dropped);
    }
    caps.addAll(added);
    return caps;
  }
}
