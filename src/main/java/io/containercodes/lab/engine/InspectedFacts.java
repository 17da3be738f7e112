package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns an inspect response into {@link ContainerFacts}, ironing out how the two engines differ
 * (measured on Podman 4.3.1's compat and libpod inspect and Docker Engine 20.10.24; the recorded
 * responses are in src/test/resources/engine/inspect):
 *
 * <ul>
 *   <li>network: Docker says "default" for its default network and the name of a named one;
 *       Podman's compat inspect says "bridge" for both, so the networks joined decide;
 *   <li>capabilities: Docker records the line's --cap-add/--cap-drop (CAP_-prefixed, "ALL" kept)
 *       and the bounding set follows moby's rules from its default set; Podman records them
 *       relative to its default set, and its libpod inspect has the resulting BoundingCaps;
 *   <li>swap: both record twice the memory limit for a line with --memory alone; Docker records -1
 *       for unlimited swap, Podman 4.3's compat API treats -1 as unset (twice the memory, in the
 *       record and in the cgroup's memsw limit);
 *   <li>seccomp: Docker stores a custom profile's JSON in SecurityOpt, Podman the path;
 *   <li>tmpfs: Podman's record includes the tmpfs it adds under --read-only (/run, /tmp, /var/tmp),
 *       each with its own options (rprivate, nodev, tmpcopyup) after the line's.
 * </ul>
 */
final class InspectedFacts {
  private InspectedFacts() {}

  /** Only the compat record: what a test or a caller without the engine's extras has. */
  static ContainerFacts from(InspectContainerResponse r) {
    return from(r, null, null, Map.of());
  }

  /**
   * @param kind the engine that made the record; null when not known
   * @param libpod Podman's own inspect of the same container (it has the bounding set); null
   * @param internal for each network joined, whether the engine's record of it says internal
   */
  static ContainerFacts from(
      InspectContainerResponse r, EngineKind kind, JsonNode libpod, Map<String, Boolean> internal) {
    HostConfig h = r.getHostConfig();
    if (h == null) {
      return null;
    }
    List<String> securityOpts = h.getSecurityOpts() == null ? List.of() : h.getSecurityOpts();
    boolean privileged = Boolean.TRUE.equals(h.getPrivileged());
    List<ContainerFacts.JoinedNetwork> networks = networks(r, internal);
    Long memory = positive(h.getMemory());
    return new ContainerFacts(
        privileged,
        networkMode(h.getNetworkMode(), networks),
        namespaceMode(h.getPidMode()),
        namespaceMode(h.getIpcMode()),
        namespaceMode(h.getUtSMode()),
        namespaceMode(h.getUsernsMode()),
        Boolean.TRUE.equals(h.getReadonlyRootfs()),
        mounts(r),
        devices(h),
        memory,
        positive(h.getPidsLimit()),
        cpus(h),
        securityOpts,
        portBindings(h),
        r.getConfig() == null || r.getConfig().getUser() == null ? "" : r.getConfig().getUser(),
        capabilities(h, kind, libpod, privileged),
        memory == null ? null : positive(h.getMemorySwap()),
        memory != null && h.getMemorySwap() != null && h.getMemorySwap() < 0,
        networks,
        ContainerFacts.Seccomp.fromSecurityOpts(securityOpts, privileged),
        securityOpts.stream().anyMatch(ContainerFacts::isNoNewPrivileges),
        tmpfs(h),
        kind);
  }

  private static List<ContainerFacts.Mount> mounts(InspectContainerResponse r) {
    List<ContainerFacts.Mount> mounts = new ArrayList<>();
    if (r.getMounts() != null) {
      for (InspectContainerResponse.Mount m : r.getMounts()) {
        String mode = m.getMode() == null ? "" : m.getMode();
        mounts.add(
            new ContainerFacts.Mount(
                m.getSource() == null ? "" : HostCopies.hostPathOf(m.getSource()),
                m.getDestination() == null ? "" : m.getDestination().getPath(),
                !Boolean.FALSE.equals(m.getRW()),
                mode.contains("rshared") ? "rshared" : mode.contains("shared") ? "shared" : "",
                m.getName() != null && !m.getName().isEmpty() ? "volume" : "bind",
                m.getName()));
      }
    }
    return mounts;
  }

  private static List<String> devices(HostConfig h) {
    List<String> devices = new ArrayList<>();
    if (h.getDevices() != null) {
      for (Device d : h.getDevices()) {
        devices.add(d.getPathOnHost());
      }
    }
    return devices;
  }

  private static List<ContainerFacts.TmpfsMount> tmpfs(HostConfig h) {
    List<ContainerFacts.TmpfsMount> out = new ArrayList<>();
    if (h.getTmpFs() != null) {
      new TreeMap<>(h.getTmpFs())
          .forEach((path, options) -> out.add(ContainerFacts.TmpfsMount.of(path, options)));
    }
    return out;
  }

  private static List<ContainerFacts.JoinedNetwork> networks(
      InspectContainerResponse r, Map<String, Boolean> internal) {
    List<ContainerFacts.JoinedNetwork> out = new ArrayList<>();
    if (r.getNetworkSettings() != null && r.getNetworkSettings().getNetworks() != null) {
      new TreeMap<>(r.getNetworkSettings().getNetworks())
          .keySet()
          .forEach(
              name ->
                  out.add(
                      new ContainerFacts.JoinedNetwork(
                          name, internal == null ? null : internal.get(name))));
    }
    return out;
  }

  /**
   * Docker says "default" or "bridge" for its default network, Podman "bridge" for its default and
   * for a named network alike: the one network joined, when it is not a default one, names it.
   */
  static String networkMode(String mode, List<ContainerFacts.JoinedNetwork> joined) {
    String m = networkMode(mode);
    if (m.equals("bridge") && joined.size() == 1 && !isDefaultNetwork(joined.get(0).name())) {
      return joined.get(0).name();
    }
    return m;
  }

  static String networkMode(String mode) {
    if (mode == null || mode.isEmpty() || mode.equals("default") || isDefaultNetwork(mode)) {
      return "bridge";
    }
    return mode;
  }

  /** The engines' default networks: Docker's "bridge", Podman's "podman". */
  static boolean isDefaultNetwork(String name) {
    return name.equals("bridge") || name.equals("podman");
  }

  /**
   * "host" stays; private namespaces come back as "", "private", "shareable" or "ns:…" from Podman.
   */
  static String namespaceMode(String mode) {
    if (mode == null) {
      return "";
    }
    return mode.equals("host") ? "host" : mode.startsWith("container:") ? mode : "";
  }

  private static ContainerFacts.Capabilities capabilities(
      HostConfig h, EngineKind kind, JsonNode libpod, boolean privileged) {
    List<String> added = names(h.getCapAdd());
    List<String> dropped = names(h.getCapDrop());
    JsonNode bounding = libpod == null ? null : libpod.get("BoundingCaps");
    if (bounding != null && bounding.isArray()) {
      Set<String> set = new LinkedHashSet<>();
      bounding.forEach(n -> set.add(LinuxCapabilities.normalise(n.asText())));
      return new ContainerFacts.Capabilities(
          added, dropped, set, "Podman's record of the container (BoundingCaps)");
    }
    if (kind == EngineKind.DOCKER) {
      return new ContainerFacts.Capabilities(
          added,
          dropped,
          LinuxCapabilities.dockerBounding(added, dropped, privileged),
          "Docker's default set with the recorded --cap-add and --cap-drop applied");
    }
    return new ContainerFacts.Capabilities(added, dropped, null, "not recorded");
  }

  private static List<String> names(Capability[] caps) {
    List<String> out = new ArrayList<>();
    if (caps != null) {
      for (Capability c : caps) {
        out.add(LinuxCapabilities.normalise(c.name()));
      }
    }
    return out;
  }

  private static List<String> portBindings(HostConfig h) {
    List<String> out = new ArrayList<>();
    if (h.getPortBindings() != null) {
      h.getPortBindings()
          .getBindings()
          .forEach(
              (port, bindings) -> {
                if (bindings != null) {
                  for (com.github.dockerjava.api.model.Ports.Binding b : bindings) {
                    out.add(
                        (b.getHostIp() == null ? "" : b.getHostIp())
                            + ":"
                            + (b.getHostPortSpec() == null ? "" : b.getHostPortSpec())
                            + "->"
                            + port.getPort()
                            + "/"
                            + port.getProtocol());
                  }
                }
              });
    }
    return out;
  }

  private static Long positive(Long v) {
    return v == null || v <= 0 ? null : v;
  }

  private static Long cpus(HostConfig h) {
    if (h.getNanoCPUs() != null && h.getNanoCPUs() > 0) {
      return h.getNanoCPUs();
    }
    Long quota = h.getCpuQuota();
    Long period = h.getCpuPeriod();
    if (quota != null && quota > 0 && period != null && period > 0) {
      return quota * 1_000_000_000L / period;
    }
    return null;
  }
}
