package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's current context, resolved as the Docker CLI (and docker-java's {@code
 * DefaultDockerClientConfig}) resolve it: the name from {@code DOCKER_CONTEXT}, else {@code
 * currentContext} in {@code config.json} of {@code DOCKER_CONFIG} (default {@code ~/.docker}); its
 * address in {@code contexts/meta/<sha256(name)>/meta.json}, {@code Endpoints.docker.Host}. Colima,
 * Docker Desktop, OrbStack and Rancher Desktop each install a context and make it current.
 *
 * <p>A context named by {@code DOCKER_CONTEXT} is final, like {@code DOCKER_HOST}. The current
 * context of config.json is not: installers write it and leave it behind when their engine is
 * stopped or gone (Docker Desktop's "desktop-linux"), and the places after it are still tried.
 */
public final class DockerContext implements EndpointStrategy {
  private final String name;
  private final boolean fromVariable;
  private final Path configDir;
  private final String whyNoName;
  private Optional<URI> resolved;
  private String whyNot;

  DockerContext(String name, boolean fromVariable, Path configDir, String whyNoName) {
    this.name = name;
    this.fromVariable = fromVariable;
    this.configDir = configDir;
    this.whyNoName = whyNoName;
  }

  /** The context the Docker CLI would use, from the environment and the config directory. */
  static DockerContext of(Map<String, String> env, Path home) {
    String dir = env.get("DOCKER_CONFIG");
    Path configDir =
        dir != null && !dir.isBlank()
            ? Path.of(dir)
            : home == null ? null : home.resolve(".docker");
    String variable = env.get("DOCKER_CONTEXT");
    if (variable != null && !variable.isBlank()) {
      return new DockerContext(variable.strip(), true, configDir, null);
    }
    if (configDir == null) {
      return new DockerContext(null, false, null, "no home directory to find ~/.docker in");
    }
    Path config = configDir.resolve("config.json");
    try {
      JsonNode json =
          EngineClients.mapper().readTree(Files.readString(config, StandardCharsets.UTF_8));
      String current = json == null ? "" : json.path("currentContext").asText("");
      return current.isBlank()
          ? new DockerContext(null, false, configDir, config + " names no current context")
          : new DockerContext(current, false, configDir, null);
    } catch (NoSuchFileException e) {
      return new DockerContext(null, false, configDir, "no " + config);
    } catch (IOException | RuntimeException e) {
      return new DockerContext(null, false, configDir, config + " is not readable JSON");
    }
  }

  @Override
  public String description() {
    return name == null
        ? "Docker's current context"
        : "Docker context '" + name + "'" + (fromVariable ? " (DOCKER_CONTEXT)" : " (config.json)");
  }

  @Override
  public boolean isFinal() {
    return fromVariable;
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
    if (name == null) {
      whyNot = whyNoName;
      return Optional.empty();
    }
    if (name.equals("default")) {
      // the CLI's built-in context: DOCKER_HOST or /var/run/docker.sock, both tried on their own
      whyNot = "the default context has no address of its own (the Linux sockets are tried below)";
      return Optional.empty();
    }
    if (configDir == null) {
      whyNot = "no home directory to find ~/.docker in";
      return Optional.empty();
    }
    Path meta =
        configDir.resolve("contexts").resolve("meta").resolve(sha256(name)).resolve("meta.json");
    try {
      JsonNode json =
          EngineClients.mapper().readTree(Files.readString(meta, StandardCharsets.UTF_8));
      String host =
          json == null ? "" : json.path("Endpoints").path("docker").path("Host").asText("");
      if (host.isBlank()) {
        whyNot = meta + " names no Endpoints.docker.Host";
        return Optional.empty();
      }
      return Optional.of(URI.create(host.strip()));
    } catch (NoSuchFileException e) {
      whyNot = "no such context (no " + meta + ")";
    } catch (IOException | RuntimeException e) {
      whyNot = meta + " is not readable: " + EngineClients.rootMessage(e);
    }
    return Optional.empty();
  }

  /** Contexts are stored under the SHA-256 of their name (docker/cli cli/context/store). */
  static String sha256(String name) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JDK", e);
    }
  }
}
