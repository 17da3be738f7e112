package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pushing an image to a registry: only the tests do it (a registry on 127.0.0.1 stands in for a
 * public one, so pulls can be tested offline), so it lives with them and not in the lab's engine.
 */
public final class TestRegistry {
  private TestRegistry() {}

  /** Pushes {@code reference} (REGISTRY/REPOSITORY:TAG) from the engine to its registry. */
  public static void push(Engine engine, String reference, Duration timeout)
      throws IOException, InterruptedException {
    int colon = reference.lastIndexOf(':');
    String repository = reference.substring(0, colon);
    String tag = reference.substring(colon + 1);
    try (DockerClient client = EngineClients.longLived(engine.endpoint().uri(), System.getenv())) {
      boolean done =
          client
              .pushImageCmd(repository)
              .withTag(tag)
              .exec(
                  new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                      if (item.isErrorIndicated()) {
                        onError(
                            new IllegalStateException(
                                "push failed: " + item.getErrorDetail().getMessage()));
                      }
                    }
                  })
              .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        throw new IllegalStateException("pushing " + reference + " took longer than " + timeout);
      }
    }
  }
}
