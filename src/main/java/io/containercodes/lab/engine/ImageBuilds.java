package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.containercodes.lab.EnvironmentProblem;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Images built by the engine itself through its build API (Docker's {@code /build}, which Podman
 * serves too): how the lab makes its images where this machine cannot build them from its own
 * binaries (no static busybox, not root, not Debian, an engine in a VM). Every platform then runs
 * the same images, made from the same pinned base.
 */
final class ImageBuilds {
  private final DockerClient client;

  ImageBuilds(DockerClient client) {
    this.client = client;
  }

  /**
   * Builds the tar {@code context} (a {@code Containerfile} at its root) and tags it {@code tag}.
   * The build has no network: its base is already on the engine (pinned by digest), and its steps
   * only edit files.
   *
   * @return the new image's id
   * @throws EnvironmentProblem with the engine's own sentence when the build fails
   */
  String build(InputStream context, String tag, Duration timeout) {
    return build(context, tag, timeout, false);
  }

  /**
   * The same, with the engine's default build network when {@code network} is set: for a step that
   * installs a distribution's package (the tracer's strace), which a base image does not carry.
   */
  String build(InputStream context, String tag, Duration timeout, boolean network) {
    BuildImageCmd cmd =
        client
            .buildImageCmd(context)
            .withDockerfilePath("Containerfile")
            .withTags(Set.of(tag))
            .withPull(false)
            .withRemove(true)
            .withForcerm(true);
    if (!network) {
      cmd = cmd.withNetworkMode("none");
    }
    try (BuildImageResultCallback done = cmd.exec(new BuildImageResultCallback())) {
      return done.awaitImageId(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.io.IOException | RuntimeException e) {
      throw new EnvironmentProblem(
          "The engine could not build " + tag + ": " + oneLine(EngineMessages.sentence(e)) + ".",
          null,
          e);
    }
  }

  /**
   * The image as its registry names it, {@code repository@sha256:…}, from the digest the engine
   * recorded when it pulled {@code reference}: a build pinned to it gets exactly those bytes even
   * when the tag has moved since.
   */
  Optional<String> pinned(String reference) {
    InspectImageResponse r;
    try {
      r = client.inspectImageCmd(reference).exec();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    List<String> digests = r.getRepoDigests() == null ? List.of() : r.getRepoDigests();
    String repository = repository(reference);
    return digests.stream()
        .filter(d -> d.contains("@") && sameRepository(repository(d), repository))
        .map(d -> repository + d.substring(d.indexOf('@')))
        .findFirst();
  }

  /** {@code reference} without its tag or digest. */
  static String repository(String reference) {
    int at = reference.indexOf('@');
    String r = at >= 0 ? reference.substring(0, at) : reference;
    int colon = r.lastIndexOf(':');
    return colon > r.lastIndexOf('/') ? r.substring(0, colon) : r;
  }

  /** Docker records a Hub pull as {@code busybox@…}; Podman as {@code docker.io/library/…}. */
  static boolean sameRepository(String a, String b) {
    return normal(a).equals(normal(b));
  }

  private static String normal(String repository) {
    String r = repository.startsWith("docker.io/") ? repository.substring(10) : repository;
    return r.contains("/") ? r : "library/" + r;
  }

  /** An engine's build log line can hold newlines, or their escapes; a sentence holds neither. */
  static String oneLine(String text) {
    String s = text == null ? "" : text.replace("\\n", " ").replaceAll("\\s+", " ").strip();
    return s.endsWith(".") ? s.substring(0, s.length() - 1).strip() : s;
  }
}
