package io.containercodes.lab.engine;

import java.net.URI;
import java.util.Optional;

/**
 * One place an engine may be found. A strategy only proposes an address (or says why it has none);
 * {@link EndpointDiscovery} pings it. Modelled on testcontainers' client provider strategies, so a
 * failure can list every place that was tried and what each answered.
 */
public interface EndpointStrategy {
  /** Human name, e.g. "rootless Podman ($XDG_RUNTIME_DIR/podman/podman.sock)". */
  String description();

  /** The address to ping, or empty with {@link #whyNot()} telling the user why there is none. */
  Optional<URI> candidate();

  default String whyNot() {
    return "not configured";
  }

  /** An address given by a variable (or flag). Empty when the variable is unset. */
  static EndpointStrategy fromVariable(String description, String value) {
    return new EndpointStrategy() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public Optional<URI> candidate() {
        return value == null || value.isBlank()
            ? Optional.empty()
            : Optional.of(URI.create(value.trim()));
      }

      @Override
      public String whyNot() {
        return "not set";
      }
    };
  }

  /**
   * A well-known unix socket path; {@code path} null means the path itself is unknown (no runtime
   * dir).
   */
  static EndpointStrategy unixSocket(String description, String path, String whyNoPath) {
    return new EndpointStrategy() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public Optional<URI> candidate() {
        return path == null ? Optional.empty() : Optional.of(URI.create("unix://" + path));
      }

      @Override
      public String whyNot() {
        return whyNoPath;
      }
    };
  }
}
