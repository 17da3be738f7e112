package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The engine's local images: load, inspect, pull, push, tag, save, remove. */
final class ImageStore {
  private final DockerClient client;

  ImageStore(DockerClient client) {
    this.client = client;
  }

  void load(InputStream archive) {
    client.loadImageCmd(archive).exec();
  }

  Optional<ImageDetails> inspect(String reference) {
    try {
      InspectImageResponse r = client.inspectImageCmd(reference).exec();
      Map<String, String> labels =
          r.getConfig() == null || r.getConfig().getLabels() == null
              ? Map.of()
              : r.getConfig().getLabels();
      return Optional.of(
          new ImageDetails(
              r.getId(), labels, r.getSize() == null ? 0 : r.getSize(), r.getCreated()));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  void pull(String reference, Consumer<PullProgress> progress, Duration timeout) {
    PullListener listener = new PullListener(progress);
    try {
      if (!client
          .pullImageCmd(reference)
          .exec(listener)
          .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        Quietly.close(listener);
        throw new EnvironmentProblem(
            "Pulling " + reference + " took longer than " + timeout.toSeconds() + " s.", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentProblem("Interrupted while pulling " + reference + ".", null, e);
    } catch (RuntimeException e) {
      throw new EnvironmentProblem(
          "Pulling " + reference + " failed: " + EngineClients.rootMessage(e), null, e);
    }
    if (listener.error() != null) {
      throw new EnvironmentProblem(
          "Pulling " + reference + " failed: " + listener.error().strip(), null);
    }
    if (inspect(reference).isEmpty()) {
      throw new EnvironmentProblem("Pulling " + reference + " ended without the image.", null);
    }
  }

  void tag(String imageReference, String newReference) {
    Reference ref = Reference.of(newReference);
    client.tagImageCmd(imageReference, ref.repository(), ref.tag()).exec();
  }

  void save(String reference, OutputStream out) throws IOException {
    try (InputStream in = client.saveImageCmd(reference).exec()) {
      in.transferTo(out);
    }
  }

  /**
   * Never forced: Podman's forced removal also removes every container made from the image,
   * including a parallel run's (measured: a demo in another terminal lost its container to "no such
   * container").
   */
  boolean remove(String reference) {
    try {
      client.removeImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (ConflictException e) {
      // what a crashed lab run left may hold it: reap those (never a live run's) and try once more
      new StaleObjectReaper(client).reap();
      try {
        client.removeImageCmd(reference).exec();
        return true;
      } catch (NotFoundException gone) {
        return false;
      } catch (ConflictException still) {
        throw new EngineRefused(
            reference + " is in use by a container: " + EngineClients.rootMessage(still),
            "Let the lab runs that use it finish, then run cclab clean --images again.",
            still);
      }
    }
  }

  /** An image reference split where the engine's API wants it: repository and tag. */
  private record Reference(String repository, String tag) {
    static Reference of(String reference) {
      int colon = reference.lastIndexOf(':');
      boolean hasTag = colon > reference.lastIndexOf('/');
      return hasTag
          ? new Reference(reference.substring(0, colon), reference.substring(colon + 1))
          : new Reference(reference, "latest");
    }
  }
}
