package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;

/**
 * The CPU architecture the engine runs containers of, from its {@code /version} ({@code Arch}, Go's
 * GOARCH: Docker and Podman both answer it). A binary of this machine's runs in a container only
 * when it is the same: an engine in a VM (a Mac's, or an emulated one) may run another.
 */
final class EngineArchitecture {
  private final DockerClient client;
  private String arch;
  private boolean read;

  EngineArchitecture(DockerClient client) {
    this.client = client;
  }

  /** The engine's answer in OCI spelling, read once; null when it did not say. */
  synchronized String get() {
    if (!read) {
      try {
        arch = oci(client.versionCmd().exec().getArch());
      } catch (RuntimeException e) {
        // the engine did not answer: unknown, which the caller never takes for the host's
        arch = null;
      }
      read = true;
    }
    return arch;
  }

  /** {@code x86_64} → {@code amd64}, {@code aarch64} → {@code arm64}; blank → null. */
  static String oci(String arch) {
    if (arch == null || arch.isBlank()) {
      return null;
    }
    return switch (arch.strip()) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch.strip();
    };
  }
}
