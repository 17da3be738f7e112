package io.containercodes.lab.engine;

import java.net.URI;
import java.util.Optional;

/**
 * An engine address the user set: {@code --host}, {@code CCLAB_HOST}, {@code DOCKER_HOST}, {@code
 * CONTAINER_HOST}. Once set it is final, as {@code DOCKER_HOST} is for the Docker CLI: an address
 * that does not answer (or is not an address) stops discovery with a sentence.
 *
 * @param name the flag or variable, for the report
 * @param value its value, or null/blank when unset
 */
public record AddressVariable(String name, String value) implements EndpointStrategy {
  static final String SCHEMES = "unix://, tcp:// or ssh://";

  @Override
  public String description() {
    return name;
  }

  @Override
  public Optional<URI> candidate() {
    if (!isFinal()) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(value.trim());
      return uri.getScheme() == null ? Optional.empty() : Optional.of(uri);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String whyNot() {
    return isFinal() ? "'" + value + "' is not an engine address (" + SCHEMES + ")" : "not set";
  }

  @Override
  public boolean isFinal() {
    return value != null && !value.isBlank();
  }
}
