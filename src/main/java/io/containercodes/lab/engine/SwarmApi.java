package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.containercodes.lab.EngineRefused;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A swarm manager's service API, spoken as JSON at Engine API 1.44: docker-java 3.5.1's
 * ContainerSpec has no Seccomp, AppArmor, NoNewPrivileges or capability fields and its ServiceMode
 * no replicated job, and an engine asked at an older version drops the fields it did not have then
 * (moby's service create adjusts a spec to the request's version), so a run's protections would be
 * lost without a word. Every request names 1.44.
 */
final class SwarmApi implements Closeable {
  static final String VERSION = "1.44";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final DockerHttpClient http;

  SwarmApi(URI endpoint, Map<String, String> env) {
    this.http = EngineClients.transport(endpoint, env, null, TIMEOUT, 2);
  }

  JsonNode get(String path) {
    return json("GET", path, null);
  }

  JsonNode post(String path, JsonNode body) {
    return json("POST", path, body);
  }

  void delete(String path) {
    json("DELETE", path, null);
  }

  /** The raw body of a GET (a service's logs). */
  byte[] bytes(String path) {
    try (DockerHttpClient.Response r = http.execute(request("GET", path, null))) {
      byte[] body = r.getBody().readAllBytes();
      failUnlessOk(r.getStatusCode(), body, path);
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode json(String method, String path, JsonNode body) {
    byte[] sent = null;
    try {
      sent = body == null ? null : EngineClients.mapper().writeValueAsBytes(body);
      try (DockerHttpClient.Response r = http.execute(request(method, path, sent))) {
        byte[] answer = r.getBody().readAllBytes();
        failUnlessOk(r.getStatusCode(), answer, path);
        return answer.length == 0
            ? EngineClients.mapper().nullNode()
            : EngineClients.mapper().readTree(answer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DockerHttpClient.Request request(String method, String path, byte[] body) {
    DockerHttpClient.Request.Builder b =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.valueOf(method))
            .path("/v" + VERSION + path);
    if (body != null) {
      b.putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(body));
    }
    return b.build();
  }

  /** The engine's answer as the lab's refusal, its own message kept. */
  private static void failUnlessOk(int status, byte[] body, String path) {
    if (status / 100 == 2) {
      return;
    }
    String said = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode m = EngineClients.mapper().readTree(body).path("message");
      said = m.isTextual() ? m.asText() : said;
    } catch (IOException | RuntimeException ignored) {
      // not JSON: the text as it came
    }
    throw new SwarmApiError(status, path, said);
  }

  /** An HTTP error of the swarm's API, with the engine's message. */
  static final class SwarmApiError extends EngineRefused {
    final int status;

    SwarmApiError(int status, String path, String said) {
      super(
          "The swarm manager refused "
              + path.split("\\?")[0]
              + ": "
              + EngineClients.engineSentence(said),
          "Check the swarm (cclab doctor, docker node ls on the manager).",
          said,
          null);
      this.status = status;
    }
  }

  static String filter(String key, String value) {
    String json = "{\"" + key + "\":[\"" + value.replace("\"", "") + "\"]}";
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    Quietly.close(http);
  }
}
