package io.containercodes.lab.engine;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an inspect response into {@link ContainerFacts}, ironing out how the two engines differ.
 */
final class InspectedFacts {
  private InspectedFacts() {}

  static ContainerFacts from(InspectContainerResponse r) {
    HostConfig h = r.getHostConfig();
    if (h == null) {
      return null;
    }
    List<ContainerFacts.Mount> mounts = new ArrayList<>();
    if (r.getMounts() != null) {
      for (InspectContainerResponse.Mount m : r.getMounts()) {
        String mode = m.getMode() == null ? "" : m.getMode();
        mounts.add(
            new ContainerFacts.Mount(
                m.getSource() == null ? "" : m.getSource(),
                m.getDestination() == null ? "" : m.getDestination().getPath(),
                !Boolean.FALSE.equals(m.getRW()),
                mode.contains("rshared") ? "rshared" : mode.contains("shared") ? "shared" : ""));
      }
    }
    List<String> devices = new ArrayList<>();
    if (h.getDevices() != null) {
      for (Device d : h.getDevices()) {
        devices.add(d.getPathOnHost());
      }
    }
    return new ContainerFacts(
        Boolean.TRUE.equals(h.getPrivileged()),
        networkMode(h.getNetworkMode()),
        namespaceMode(h.getPidMode()),
        namespaceMode(h.getIpcMode()),
        namespaceMode(h.getUtSMode()),
        namespaceMode(h.getUsernsMode()),
        Boolean.TRUE.equals(h.getReadonlyRootfs()),
        mounts,
        devices,
        positive(h.getMemory()),
        positive(h.getPidsLimit()),
        cpus(h),
        h.getSecurityOpts() == null ? List.of() : h.getSecurityOpts(),
        portBindings(h));
  }

  /**
   * Docker says "default" or "bridge" for its default network, Podman "bridge" or its network's
   * name.
   */
  static String networkMode(String mode) {
    if (mode == null
        || mode.isEmpty()
        || mode.equals("default")
        || mode.equals("bridge")
        || mode.equals("podman")) {
      return "bridge";
    }
    return mode;
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
