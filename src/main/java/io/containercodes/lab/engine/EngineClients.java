package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientConfigDelegate;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.containercodes.lab.Timing;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds docker-java clients. TLS follows the Docker CLI's variables: for a tcp:// engine, {@code
 * DOCKER_TLS_VERIFY=1} turns on mutual TLS with the ca.pem, cert.pem and key.pem in {@code
 * DOCKER_CERT_PATH} (default ~/.docker).
 */
final class EngineClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration PING_TIMEOUT = Duration.ofSeconds(3);

  /** An ssh connection is a new login each time: key exchange, authentication, a remote process. */
  static final Duration SSH_PING_TIMEOUT = Duration.ofSeconds(20);

  private EngineClients() {}

  static DefaultDockerClientConfig config(URI uri, Map<String, String> env) {
    boolean tcp = "tcp".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    boolean tls = tcp && isTrue(env.get("DOCKER_TLS_VERIFY"));
    DefaultDockerClientConfig.Builder b =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
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
    ObjectMapper shared = mapper();
    DockerClientConfig withSharedMapper =
        new DockerClientConfigDelegate(config) {
          @Override
          public ObjectMapper getObjectMapper() {
            return shared;
          }
        };
    return DockerClientImpl.getInstance(withSharedMapper, transport(uri, env, config, null, 64));
  }

  private static ObjectMapper mapper;
  private static boolean warming;

  /**
   * The one JSON mapper of this process's clients. docker-java gives each client a copy of its
   * default mapper, with empty caches; sharing one lets {@link #warmUp} build its serializers while
   * the lab is still finding the engine.
   */
  static synchronized ObjectMapper mapper() {
    if (mapper == null) {
      mapper = DockerClientConfig.getDefaultObjectMapper();
    }
    return mapper;
  }

  /**
   * Builds, in a background thread, what the first container run needs from Jackson: the serializer
   * of a create request (HostConfig has some hundred properties) and the deserializers of inspect
   * and stats answers. Measured on the reference machine (JDK 17, C1): 130 ms for the mapper, 140
   * ms for the first create, 145 ms for the first inspect; done while the lab parses its arguments
   * and waits for the engine's ping and the image check, that CPU time leaves the run's critical
   * path on a machine with a core to spare. Idempotent; errors only mean the run builds them
   * itself.
   */
  // a hint only: on a busy two-core machine the warm-up should yield to the command's own work,
  // and nothing depends on when it runs
  @SuppressWarnings("ThreadPriorityCheck")
  static synchronized void warmUp() {
    if (warming) {
      return;
    }
    warming = true;
    Thread t = new Thread(EngineClients::warmUpNow, "cclab-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /**
   * The steps of {@link #warmUp}, in the order a run needs them: the image check, the create, the
   * inspect, the stats (not the lists: the reaper reads them in a thread of its own, so building
   * them here too would only add work); each apart: one that fails (a model docker-java changed)
   * leaves the others. Returns what failed, for the test that keeps them working: a step that
   * throws warms nothing, as the first one did unnoticed for a while.
   */
  static List<String> warmUpNow() {
    ObjectMapper m = mapper();
    List<String> failed = new ArrayList<>();
    warm(failed, () -> m.readValue("{\"Config\":{}}", InspectImageResponse.class));
    warm(
        failed,
        () ->
            m.writeValueAsBytes(
                new CreateContainerCmdImpl(command -> null, null, "warm-up")
                    .withHostConfig(HostConfig.newHostConfig().withMemory(1L).withBinds(List.of()))
                    .withLabels(Map.of("a", "b"))
                    .withCmd("true")));
    warm(
        failed,
        () ->
            m.readValue(
                "{\"State\":{\"ExitCode\":0},\"HostConfig\":{},\"Config\":{},\"Mounts\":[]}",
                InspectContainerResponse.class));
    warm(
        failed,
        () ->
            m.readValue(
                "{\"memory_stats\":{},\"cpu_stats\":{},\"pids_stats\":{}}", Statistics.class));
    Timing.mark("JSON warmed up" + (failed.isEmpty() ? "" : ", failed: " + failed));
    return failed;
  }

  private interface Step {
    Object run() throws Exception;
  }

  /** One step of {@link #warmUp}; a failure only means the run builds that part itself. */
  private static void warm(List<String> failed, Step step) {
    try {
      step.run();
    } catch (Exception | LinkageError e) {
      failed.add(e.toString());
    }
  }

  /**
   * The HTTP transport for an endpoint. A Unix socket gets the lab's own ({@link
   * StreamHttpClient}): the zerodep transport sets up the JDK's TLS stack for every endpoint, also
   * one that never speaks TLS. tcp:// keeps zerodep, with TLS when configured.
   *
   * @param config null to build it only when needed (a Unix socket needs none)
   */
  static DockerHttpClient transport(
      URI uri,
      Map<String, String> env,
      DefaultDockerClientConfig config,
      Duration responseTimeout,
      int maxConnections) {
    if ("unix".equals(uri.getScheme())) {
      return new StreamHttpClient(java.nio.file.Path.of(uri.getPath()), responseTimeout);
    }
    if ("ssh".equals(uri.getScheme())) {
      return new StreamHttpClient(
          new CommandDialer(SshCommand.of(uri, env), uri.toString()), responseTimeout);
    }
    DefaultDockerClientConfig c = config != null ? config : config(uri, env);
    ZerodepDockerHttpClient.Builder b =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(c.getDockerHost())
            .sslConfig(c.getSSLConfig())
            .connectionTimeout(CONNECT_TIMEOUT)
            .maxConnections(maxConnections);
    if (responseTimeout != null) {
      b.responseTimeout(responseTimeout);
    }
    return b.build();
  }

  /**
   * What a ping told about an engine. The headers of {@code GET /_ping} name the engine ({@code
   * Server: Libpod/4.3.1} or {@code Server: Docker/20.10…}) and its API version, so the lab never
   * needs {@code /version}, which Podman answers slowly (it runs conmon and the OCI runtime to
   * report their versions: 1.2 s measured here).
   */
  record Ping(String failure, EngineKind kind, String serverVersion, String apiVersion) {
    static Ping failed(String why) {
      return new Ping(why, null, null, null);
    }
  }

  static Ping ping(URI uri, Map<String, String> env) {
    DockerHttpClient transport;
    try {
      transport =
          transport(
              uri, env, null, "ssh".equals(uri.getScheme()) ? SSH_PING_TIMEOUT : PING_TIMEOUT, 1);
    } catch (RuntimeException e) {
      return Ping.failed("cannot be configured: " + e.getMessage());
    }
    try (DockerHttpClient http = transport) {
      DockerHttpClient.Request request =
          DockerHttpClient.Request.builder()
              .method(DockerHttpClient.Request.Method.GET)
              .path("/_ping")
              .build();
      try (DockerHttpClient.Response response = http.execute(request)) {
        if (response.getStatusCode() != 200) {
          return Ping.failed("answered HTTP " + response.getStatusCode() + " to a ping");
        }
        String server = header(response, "Server");
        String api = header(response, "Api-Version");
        boolean podman =
            server.startsWith("Libpod") || !header(response, "Libpod-Api-Version").isEmpty();
        String version =
            server.contains("/")
                ? server.substring(server.indexOf('/') + 1).split(" ", -1)[0]
                : server;
        return new Ping(null, podman ? EngineKind.PODMAN : EngineKind.DOCKER, version, api);
      }
    } catch (Exception e) {
      return Ping.failed("no answer (" + rootMessage(e) + ")");
    }
  }

  private static String header(DockerHttpClient.Response response, String name) {
    for (Map.Entry<String, List<String>> h : response.getHeaders().entrySet()) {
      if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return "";
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : engineSentence(m.strip());
  }

  /**
   * The engine's own sentence out of its error body: docker-java reports a refusal as {@code Status
   * 500: {"cause":…,"message":"…","response":500}}, JSON meant for programs; both engines put what
   * went wrong in {@code message}. Anything else is kept as it is.
   */
  static String engineSentence(String message) {
    int brace = message.indexOf('{');
    if (!message.startsWith("Status ") || brace < 0 || !message.endsWith("}")) {
      return message;
    }
    try {
      JsonNode said = mapper().readTree(message.substring(brace)).get("message");
      return said != null && said.isTextual() && !said.asText().isBlank()
          ? said.asText().strip()
          : message;
    } catch (IOException e) {
      return message;
    }
  }
}
