package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Waits for a container to exit, with a hard timeout after which the container is killed. On Podman
 * over a Unix socket it uses libpod's own wait: Podman's compat wait returns only after its cleanup
 * process has run (BENCHMARKS.md, phases).
 */
final class ExitWaiter {
  /** How often Podman's libpod wait looks at the container (its default is 250 ms). */
  static final String LIBPOD_WAIT_POLL = "20ms";

  private final DockerClient client;
  private final Supplier<StreamHttpClient> raw;
  private final Consumer<String> kill;

  /**
   * @param raw the bare transport to Podman's Unix socket for libpod's wait; null for the compat
   *     wait
   * @param kill kills a container by id, quietly
   */
  ExitWaiter(DockerClient client, Supplier<StreamHttpClient> raw, Consumer<String> kill) {
    this.client = client;
    this.raw = raw;
    this.kill = kill;
  }

  /**
   * True when the timeout passed first (the container is then killed).
   *
   * @throws RunInterrupted when this thread was interrupted while waiting (the container is killed)
   */
  boolean await(String id, Duration timeout) {
    return raw != null ? libpodWait(id, timeout.toMillis()) : compatWait(id, timeout.toMillis());
  }

  private boolean compatWait(String id, long timeoutMs) {
    WaitContainerResultCallback wait =
        client.waitContainerCmd(id).exec(new WaitContainerResultCallback());
    try {
      if (!wait.awaitCompletion(timeoutMs, TimeUnit.MILLISECONDS)) {
        kill.accept(id);
        return true;
      }
      wait.awaitStatusCode(); // completed: throws what the engine said, if it said no status
      return false;
    } catch (InterruptedException e) {
      // set again, as an interrupted channel leaves it: the clean-up after it sets it aside itself
      Thread.currentThread().interrupt();
      kill.accept(id);
      throw new RunInterrupted(id, e);
    } catch (RuntimeException e) {
      kill.accept(id);
      throw e;
    } finally {
      Quietly.close(wait);
    }
  }

  /**
   * Podman's own wait ({@code POST /libpod/containers/ID/wait?condition=exited}), a raw request
   * through docker-java's transport; libpod's returns when the container has exited (bench/run,
   * "wait" in the phases table).
   */
  private boolean libpodWait(String id, long timeoutMs) {
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path(
                "/v4.0.0/libpod/containers/"
                    + id
                    + "/wait?condition=exited&interval="
                    + LIBPOD_WAIT_POLL)
            .build();
    try (DockerHttpClient.Response response =
        raw.get().executeWithin(request, Duration.ofMillis(timeoutMs))) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() != 200) {
        kill.accept(id);
        throw new DockerClientException(
            "Podman's wait for "
                + id
                + " failed: HTTP "
                + response.getStatusCode()
                + " "
                + body.strip());
      }
      return false;
    } catch (IOException | UncheckedIOException e) {
      kill.accept(id);
      if (Thread.currentThread().isInterrupted()) {
        throw new RunInterrupted(id, e);
      }
      if (StreamHttpClient.expired(e)) {
        return true;
      }
      throw new DockerClientException(
          "waiting for " + id + " failed: " + EngineClients.rootMessage(e), e);
    }
  }
}
