package io.containercodes.lab.engine;

import io.containercodes.lab.host.HostFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The containers.conf the lab gives the Podman service it starts, derived from the host rather than
 * hard-coded:
 *
 * <ul>
 *   <li>cgroup v1 (and the v1/v2 hybrid): crun refuses hybrid hosts, so use runc;
 *   <li>no systemd running: there is no systemd to manage cgroups or keep a journal, so use the
 *       cgroupfs manager and a file event log;
 *   <li>always: default ulimits no higher than this host's hard limits. Podman's defaults (nofile
 *       1048576, and nproc above what its own process keeps: 32768 on Podman 4.3.1, measured) make
 *       container start fail with "error setting rlimits" where the host's hard limits are lower,
 *       and a container cannot exceed its parent's limits anyway.
 * </ul>
 */
public record PodmanAdaptations(
    String containersConf, String registriesConf, List<String> reasons) {
  /**
   * Plain-HTTP registries the lab's Podman service may pull from: the conventional local registry
   * of a workshop room (and of the lab's own tests). Docker Engine already treats 127.0.0.0/8 as
   * insecure; Podman needs them named. Only loopback, never a remote host.
   */
  static final List<String> LOCAL_REGISTRIES = List.of("127.0.0.1:5000", "localhost:5000");

  /**
   * A {@code CCLAB_REGISTRY_MIRROR} the lab's service marks insecure too: a loopback address with a
   * port only (the whole value, so nothing else reaches the file), as a room's registry on this
   * machine or the tests' LoopbackRegistry has it. Podman reads registries.conf when its service
   * starts (a running service kept the old file, measured on 4.3.1), so this is written then.
   */
  private static final Pattern LOOPBACK_MIRROR =
      Pattern.compile("(127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|localhost):\\d{1,5}");

  static final long PODMAN_NOFILE_DEFAULT = 1_048_576;
  static final long PODMAN_KEPT_NPROC = 32_768;

  public static PodmanAdaptations forHost(HostFacts host, boolean runcInstalled) {
    return forHost(host, runcInstalled, null);
  }

  /**
   * As {@link #forHost(HostFacts, boolean)}, with {@code mirror} ({@code CCLAB_REGISTRY_MIRROR},
   * may be null) marked insecure when it is on this machine: Docker Engine pulls from any
   * 127.0.0.0/8 registry over plain HTTP, Podman only from one named so (issue 29: "server gave
   * HTTP response to HTTPS client" otherwise). A mirror elsewhere is left to its TLS.
   */
  public static PodmanAdaptations forHost(HostFacts host, boolean runcInstalled, String mirror) {
    List<String> reasons = new ArrayList<>();
    String containers = "[containers]\n" + defaultUlimits(host, reasons);
    String engine = "[engine]\n" + engineSettings(host, runcInstalled, reasons);
    return new PodmanAdaptations(
        "# Written by cclab for the Podman service it starts; see docs/architecture.md\n"
            + containers
            + engine,
        localRegistriesConf(mirror, reasons),
        List.copyOf(reasons));
  }

  /** Default ulimits within this host's hard limits. */
  private static String defaultUlimits(HostFacts host, List<String> reasons) {
    long nofile = Math.min(host.hardNofile(), PODMAN_NOFILE_DEFAULT);
    long nproc = Math.min(host.hardNproc(), PODMAN_KEPT_NPROC);
    reasons.add(
        "default ulimits nofile="
            + nofile
            + ", nproc="
            + nproc
            + " (within this host's hard limits)");
    return "default_ulimits = [\"nofile="
        + nofile
        + ':'
        + nofile
        + "\", \"nproc="
        + nproc
        + ':'
        + nproc
        + "\"]\n";
  }

  /** The runtime for cgroup v1, and the cgroup manager and event log without systemd. */
  private static String engineSettings(
      HostFacts host, boolean runcInstalled, List<String> reasons) {
    StringBuilder engine = new StringBuilder();
    if (host.cgroups().isV1()) {
      if (runcInstalled) {
        engine.append("runtime = \"runc\"\n");
        reasons.add(
            "runtime runc (" + host.cgroups().description() + ": crun does not support it)");
      } else {
        reasons.add(
            "WARNING: " + host.cgroups().description() + " needs runc, which is not installed");
      }
    }
    if (!host.systemdRunning()) {
      engine.append("cgroup_manager = \"cgroupfs\"\nevents_logger = \"file\"\n");
      reasons.add("cgroup manager cgroupfs and file event log (systemd is not running)");
    }
    return engine.toString();
  }

  private static String localRegistriesConf(String mirror, List<String> reasons) {
    StringBuilder registries =
        new StringBuilder(
            """
            # Written by cclab for the Podman service it starts
            unqualified-search-registries = ["docker.io"]
            """);
    List<String> insecure = new ArrayList<>(LOCAL_REGISTRIES);
    // the registry of host:port[/path]: a path only prefixes the repositories pulled from it
    String m = mirror == null ? "" : mirror.strip().split("/", 2)[0];
    if (LOOPBACK_MIRROR.matcher(m).matches() && !insecure.contains(m)) {
      insecure.add(m);
      reasons.add("registry mirror " + m + " over plain HTTP (CCLAB_REGISTRY_MIRROR, loopback)");
    }
    for (String r : insecure) {
      registries.append("\n[[registry]]\nlocation = \"").append(r).append("\"\ninsecure = true\n");
    }
    return registries.toString();
  }
}
