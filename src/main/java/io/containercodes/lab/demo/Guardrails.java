package io.containercodes.lab.demo;

import io.containercodes.lab.engine.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings that hand a container the host. The lab refuses them unless the user says
 * {@code --i-understand}, and says in one sentence what each would give away.
 */
public final class Guardrails {
  private static final List<String> HOST_TREES = List.of("/etc", "/proc", "/sys", "/dev");
  private static final List<String> SOCKET_NAMES = List.of("docker.sock", "podman.sock", "containerd.sock");

  private Guardrails() {}

  /** Every reason this spec is dangerous to the host; empty when it is not. */
  public static List<String> violations(RunSpec spec) {
    List<String> v = new ArrayList<>();
    if (spec.privileged()) {
      v.add("--privileged gives the container every capability and every host device, and turns off seccomp: "
          + "root in it is close to root on the host.");
    }
    hostNamespace(v, "--pid", spec.pidMode(), "it can see and signal every process on the host");
    hostNamespace(v, "--network", spec.network(), "it shares the host's network stack and can reach every service on it");
    hostNamespace(v, "--ipc", spec.ipcMode(), "it shares the host's shared memory and message queues");
    hostNamespace(v, "--uts", spec.utsMode(), "it can change the host's hostname");
    for (RunSpec.Device d : spec.devices()) {
      v.add("--device " + d.hostPath() + " hands the container a host device: it talks to the host's kernel driver "
          + "directly, outside what the container's namespaces isolate.");
    }
    for (RunSpec.BindMount b : spec.binds()) {
      String path = real(b.hostPath());
      if (path.equals("/")) {
        v.add("-v " + b.hostPath() + " mounts the host's whole filesystem into the container.");
      } else if (SOCKET_NAMES.stream().anyMatch(path::endsWith) || path.equals("/run/podman") || path.equals("/var/run")
          || path.equals("/run")) {
        v.add("-v " + b.hostPath() + " hands the container the engine's socket: whoever holds it can start a "
            + "privileged container and own the host.");
      } else {
        for (String tree : HOST_TREES) {
          if (path.equals(tree) || path.startsWith(tree + "/")) {
            v.add("-v " + b.hostPath() + " exposes the host's " + tree + " to the container"
                + (b.readOnly() ? " (even read-only, it reveals secrets and host details)." : ", writable."));
          }
        }
      }
    }
    return v;
  }

  private static void hostNamespace(List<String> v, String flag, String value, String consequence) {
    if ("host".equals(value)) {
      v.add(flag + "=host removes that isolation: " + consequence + ".");
    }
  }

  /** Resolves symlinks such as /var/run → /run so a mount cannot dodge the check by spelling. */
  private static String real(String hostPath) {
    Path p = Path.of(hostPath).normalize();
    try {
      if (Files.exists(p)) {
        return p.toRealPath().toString();
      }
    } catch (IOException ignored) {
      // fall back to the normalized spelling
    }
    return p.toString();
  }
}
