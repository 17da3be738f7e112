package io.containercodes.lab.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this host's kernel shows of a process, read from outside it (the test runs as root in the
 * host's PID and cgroup namespaces): evidence of a container's confinement that does not depend on
 * anything the workload prints.
 */
final class HostProc {
  private HostProc() {}

  /** The fields of /proc/PID/status ("CapEff" → "0000000000000000"). */
  static Map<String, String> status(long pid) throws IOException {
    Map<String, String> fields = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
    }
    return fields;
  }

  /** The pids.max of the process's pids cgroup (v1 "pids" hierarchy, or the v2 unified one). */
  static String pidsMax(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3 && List.of(parts[1].split(",")).contains("pids")) {
        return Files.readString(Path.of("/sys/fs/cgroup/pids" + parts[2], "pids.max")).strip();
      }
      if (parts.length == 3
          && parts[0].equals("0")
          && parts[1].isEmpty()
          && Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
        return Files.readString(Path.of("/sys/fs/cgroup" + parts[2], "pids.max")).strip();
      }
    }
    throw new AssertionError("no pids cgroup for " + pid);
  }

  /** Whether the process's own root (mount point "/" in its mountinfo) is mounted read-only. */
  static boolean rootReadOnly(long pid) throws IOException {
    boolean readOnly = false;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/mountinfo"))) {
      String[] f = line.split(" ");
      if (f.length > 5 && f[4].equals("/")) {
        readOnly = List.of(f[5].split(",")).contains("ro"); // the last mount on / is the one seen
      }
    }
    return readOnly;
  }
}
