package io.containercodes.lab.engine;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.util.List;
import java.util.Map;

/**
 * A container as the engine records it, put back into a {@link RunSpec} so the guardrails judge it
 * with the same rules as a line: privileged, namespaces, devices, added capabilities, security
 * options, cgroup parent and bind mounts with the sources the engine will mount. Podman and Docker
 * spell defaults differently ("private", "shareable", "default", "podman"); those become null, the
 * spec's "the engine's default".
 */
final class RecordedSpec {
  private RecordedSpec() {}

  static RunSpec from(InspectContainerResponse r) {
    HostConfig h = r.getHostConfig() == null ? HostConfig.newHostConfig() : r.getHostConfig();
    String image =
        r.getConfig() != null && r.getConfig().getImage() != null
            ? r.getConfig().getImage()
            : String.valueOf(r.getImageId());
    RunSpec.Builder b =
        RunSpec.builder(image)
            .privileged(Boolean.TRUE.equals(h.getPrivileged()))
            .pidMode(namespace(h.getPidMode()))
            .ipcMode(namespace(h.getIpcMode()))
            .utsMode(namespace(h.getUtSMode()))
            .userns(namespace(h.getUsernsMode()))
            .network(network(h.getNetworkMode()))
            .cgroupParent(blankToNull(h.getCgroupParent()));
    if (h.getDevices() != null) {
      for (Device d : h.getDevices()) {
        b.device(new RunSpec.Device(d.getPathOnHost(), d.getPathInContainer(), "rwm"));
      }
    }
    if (h.getCapAdd() != null) {
      for (Capability c : h.getCapAdd()) {
        b.capAdd(c.name());
      }
    }
    if (h.getSecurityOpts() != null) {
      h.getSecurityOpts().forEach(b::securityOpt);
    }
    binds(r, b);
    return b.build();
  }

  /** Labels of the recorded container (its run, its owner). */
  static Map<String, String> labels(InspectContainerResponse r) {
    return r.getConfig() == null || r.getConfig().getLabels() == null
        ? Map.of()
        : r.getConfig().getLabels();
  }

  /** Bind mounts only: a volume has a name and lives in the engine's own storage. */
  private static void binds(InspectContainerResponse r, RunSpec.Builder b) {
    List<InspectContainerResponse.Mount> mounts = r.getMounts();
    if (mounts == null) {
      return;
    }
    for (InspectContainerResponse.Mount m : mounts) {
      boolean volume = m.getName() != null && !m.getName().isEmpty();
      if (volume || m.getSource() == null || m.getDestination() == null) {
        continue;
      }
      b.bind(
          new RunSpec.BindMount(
              HostCopies.hostPathOf(m.getSource()), // the folder the line wrote, not its copy
              m.getDestination().getPath(),
              Boolean.FALSE.equals(m.getRW()),
              List.of()));
    }
  }

  /** "host", "container:…" and "ns:…" stay; every spelling of a private namespace is null. */
  static String namespace(String mode) {
    if (mode == null) {
      return null;
    }
    return mode.equals("host") || mode.startsWith("container:") || mode.startsWith("ns:")
        ? mode
        : null;
  }

  static String network(String mode) {
    if (mode == null
        || mode.isEmpty()
        || mode.equals("default")
        || mode.equals("bridge")
        || mode.equals("podman")
        || mode.equals("private")) {
      return null;
    }
    return mode;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
