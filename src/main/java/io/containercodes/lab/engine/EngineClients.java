package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Builds docker-java clients. TLS follows the Docker CLI's variables: for a tcp:// engine,
 * {@code DOCKER_TLS_VERIFY=1} turns on mutual TLS with the ca.pem, cert.pem and key.pem in
 * {@code DOCKER_CERT_PATH} (default ~/.docker).
 */
final class EngineClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

  private EngineClients() {}

  static DefaultDockerClientConfig config(URI uri, Map<String, String> env) {
    boolean tcp = "tcp".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    boolean tls = tcp && isTrue(env.get("DOCKER_TLS_VERIFY"));
    DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(uri.toString())
        .withDockerTlsVerify(tls);
    if (tls) {
      String certPath = env.get("DOCKER_CERT_PATH");
      if (certPath == null || certPath.isBlank()) {
        certPath = Path.of(System.getProperty("user.home"), ".docker").toString();
      }
      b.withDockerCertPath(certPath);
    }
    return b.build();
  }

  private static boolean isTrue(String v) {
    return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
  }

  /** A client for long calls (logs that follow a container for minutes): no response timeout. */
  static DockerClient longLived(URI uri, Map<String, String> env) {
    DefaultDockerClientConfig config = config(uri, env);
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .connectionTimeout(CONNECT_TIMEOUT)
        .maxConnections(64)
        .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /** Answers null when the engine replied to a ping, otherwise why not. */
  static String ping(URI uri, Map<String, String> env) {
    DefaultDockerClientConfig config;
    try {
      config = config(uri, env);
    } catch (RuntimeException e) {
      return "cannot be configured: " + e.getMessage();
    }
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .connectionTimeout(CONNECT_TIMEOUT)
        .responseTimeout(PING_TIMEOUT)
        .maxConnections(1)
        .build();
    try (DockerClient client = DockerClientImpl.getInstance(config, http)) {
      client.pingCmd().exec();
      return null;
    } catch (Exception e) {
      return "no answer (" + rootMessage(e) + ")";
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.strip();
  }
}
