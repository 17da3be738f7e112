package io.containercodes.lab.engine;

import io.containercodes.lab.host.Executables;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The API socket of a podman machine (the VM that runs Podman on macOS and Windows, and on Linux
 * when asked), as {@code podman machine inspect} reports it: {@code
 * ConnectionInfo.PodmanSocket.Path}. Podman is asked only when a podman binary is on PATH and a
 * machine has been configured ({@code ~/.config/containers/podman/machine}), so a Linux host
 * without machines spends no process on it.
 */
public final class PodmanMachineSocket implements EndpointStrategy {
  static final long INSPECT_TIMEOUT_SECONDS = 10;

  private final Executables exe;
  private final Path machineConfig;
  private Optional<URI> resolved;
  private String whyNot;

  PodmanMachineSocket(Executables exe, Path machineConfig) {
    this.exe = exe;
    this.machineConfig = machineConfig;
  }

  static PodmanMachineSocket of(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path config =
        xdg != null && xdg.startsWith("/")
            ? Path.of(xdg)
            : home == null ? null : home.resolve(".config");
    return new PodmanMachineSocket(
        new Executables(env), config == null ? null : config.resolve("containers/podman/machine"));
  }

  @Override
  public String description() {
    return "podman machine (podman machine inspect)";
  }

  @Override
  public synchronized Optional<URI> candidate() {
    if (resolved == null) {
      resolved = resolve();
    }
    return resolved;
  }

  @Override
  public synchronized String whyNot() {
    candidate();
    return whyNot;
  }

  private Optional<URI> resolve() {
    Optional<Path> podman = exe.find("podman");
    if (podman.isEmpty()) {
      whyNot = "no podman on PATH";
      return Optional.empty();
    }
    if (machineConfig == null || !Files.isDirectory(machineConfig)) {
      whyNot = "no podman machine configured (no " + machineConfig + ")";
      return Optional.empty();
    }
    try {
      Process p =
          new ProcessBuilder(
                  podman.get().toString(),
                  "machine",
                  "inspect",
                  "--format",
                  "{{.ConnectionInfo.PodmanSocket.Path}}")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      // its answer is a line or an error, far below a pipe's buffer: waiting first cannot block it
      if (!p.waitFor(INSPECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        whyNot = "podman machine inspect did not answer within " + INSPECT_TIMEOUT_SECONDS + " s";
        return Optional.empty();
      }
      String text = new String(p.getInputStream().readNBytes(8192), StandardCharsets.UTF_8).strip();
      String first = text.lines().findFirst().orElse("").strip();
      if (p.exitValue() != 0 || !first.startsWith("/")) {
        whyNot = "podman machine inspect: " + (text.isEmpty() ? "exit " + p.exitValue() : first);
        return Optional.empty();
      }
      return Optional.of(SocketFile.uri(Path.of(first)));
    } catch (IOException e) {
      whyNot = "podman machine inspect failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      whyNot = "interrupted";
    }
    return Optional.empty();
  }
}
