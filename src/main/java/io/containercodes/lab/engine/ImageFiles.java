package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One file out of an image, through the engine's archive API: a container is created from the
 * image, never started (nothing of the image runs), its file copied out and the container removed.
 * The audit's probe tools come from the lab's own busybox image this way, so they are the same on
 * every host, and a host without a static busybox still audits.
 */
final class ImageFiles {
  /** A static busybox is about 1-2 MB; anything far bigger is not what the lab asked for. */
  private static final long MAX_BYTES = 64L << 20;

  private final DockerClient client;

  /** This process's objects: the container a read makes is removed with them on Ctrl-C. */
  private final LiveObjects live;

  ImageFiles(DockerClient client, LiveObjects live) {
    this.client = client;
    this.live = live;
  }

  byte[] read(String image, String path) {
    String id;
    try {
      id =
          live.createContainer(
              () ->
                  client
                      .createContainerCmd(image)
                      .withLabels(LabLabels.forNewObject())
                      .withCmd(List.of("true"))
                      .withNetworkDisabled(true)
                      .exec()
                      .getId());
    } catch (NotFoundException e) {
      throw new EnvironmentProblem(image + " is not on this engine.", null, e);
    }
    try (InputStream tar = client.copyArchiveFromContainerCmd(id, path).exec()) {
      return firstFile(new TarArchiveInputStream(tar), image, path);
    } catch (IOException | RuntimeException e) {
      if (e instanceof EnvironmentProblem p) {
        throw p;
      }
      throw new EnvironmentProblem(
          "Cannot copy " + path + " out of " + image + ": " + EngineMessages.sentence(e) + ".",
          null,
          e);
    } finally {
      try {
        client.removeContainerCmd(id).withForce(true).exec();
        live.remove(id);
      } catch (RuntimeException gone) {
        // labelled as this process's: a later clean reaps it
      }
    }
  }

  private static byte[] firstFile(TarArchiveInputStream in, String image, String path)
      throws IOException {
    for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
      if (e.isFile() && e.getSize() <= MAX_BYTES) {
        return in.readNBytes((int) e.getSize());
      }
    }
    throw new EnvironmentProblem(
        image + " has no regular file at " + path + " (a link or a folder there is not followed).",
        null);
  }
}
