package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The lab's one door to a container engine. Nothing outside this package sees docker-java:
 * callers speak in {@link RunSpec}, {@link Outcome} and plain values.
 */
public final class Engine implements AutoCloseable {
  private final DockerClient client;
  private final EngineEndpoint endpoint;
  private final EngineKind kind;
  private final EngineClients.Ping ping;
  private final LiveObjects live;
  private final ContainerRunner runner;

  private Engine(DockerClient client, EngineEndpoint endpoint, EngineClients.Ping ping) {
    this.client = client;
    this.endpoint = endpoint;
    this.kind = ping.kind();
    this.ping = ping;
    this.live = new LiveObjects(id -> runnerRemove(id));
    this.runner = new ContainerRunner(client, kind, live);
  }

  private void runnerRemove(String id) {
    runner.remove(id, true);
  }

  /** Connects and reaps what crashed lab runs left on this engine. */
  static Engine open(EngineEndpoint endpoint, Map<String, String> env, Consumer<String> notice) {
    EngineClients.Ping ping = EngineClients.ping(endpoint.uri(), env);
    if (ping.failure() != null) {
      throw new EnvironmentProblem("The engine at " + endpoint + " stopped answering: " + ping.failure(),
          "Run 'cclab doctor'.");
    }
    DockerClient client = EngineClients.longLived(endpoint.uri(), env);
    Engine engine = new Engine(client, endpoint, ping);
    new StaleObjectReaper(client).reap().ifPresent(notice);
    return engine;
  }

  public EngineKind kind() {
    return kind;
  }

  public EngineEndpoint endpoint() {
    return endpoint;
  }

  /** Runs a container to completion. The container is removed whatever happens. */
  public Outcome run(RunSpec spec, OutputListener listener) {
    try {
      return runner.run(spec, listener);
    } catch (DockerException e) {
      throw new EngineRefused(kind.displayName() + " refused to run the container: " + EngineClients.rootMessage(e),
          "Check the flags and paths in the line.", e);
    }
  }

  public EngineInfo info() {
    Info info = client.infoCmd().exec();
    List<String> security = info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
    boolean rootless = security.stream().anyMatch(o -> o.contains("name=rootless"));
    return new EngineInfo(kind, ping.serverVersion(), ping.apiVersion(), endpoint, rootless,
        info.getCGroupVersion(), info.getCGroupDriver(), defaultRuntime(info), security,
        info.getOperatingSystem(), info.getKernelVersion());
  }

  private static String defaultRuntime(Info info) {
    Object raw = info.getRawValues() == null ? null : info.getRawValues().get("DefaultRuntime");
    return raw == null ? null : raw.toString();
  }

  // ---- images -------------------------------------------------------------------------

  /** Labels of a local image, or empty when the engine does not have it. */
  public Optional<Map<String, String>> imageLabels(String reference) {
    try {
      InspectImageResponse r = client.inspectImageCmd(reference).exec();
      Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null
          ? Map.of() : r.getConfig().getLabels();
      return Optional.of(labels);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Loads a docker-archive tar (as {@code docker save} writes it). */
  public void loadImage(InputStream archive) {
    client.loadImageCmd(archive).exec();
  }

  public record LabImage(String reference, String id, long sizeBytes, long createdEpochSeconds, Map<String, String> labels) {}

  public List<LabImage> labImages() {
    List<LabImage> result = new ArrayList<>();
    for (Image image : client.listImagesCmd().withLabelFilter(LabLabels.IMAGE).exec()) {
      String ref = image.getRepoTags() == null || image.getRepoTags().length == 0 ? image.getId() : image.getRepoTags()[0];
      result.add(new LabImage(ref, image.getId(), image.getSize() == null ? 0 : image.getSize(),
          image.getCreated() == null ? 0 : image.getCreated(), image.getLabels() == null ? Map.of() : image.getLabels()));
    }
    return result;
  }

  // ---- clean-up -----------------------------------------------------------------------

  public record CleanReport(int containers, int networks, int volumes, int images) {}

  /** Removes every lab-labelled object, whoever created it; with {@code images}, the lab's images too. */
  public CleanReport clean(boolean images) {
    int containers = 0;
    for (Container c : client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LabLabels.LAB)).exec()) {
      runner.remove(c.getId(), "running".equals(c.getState()));
      containers++;
    }
    int networks = 0;
    for (Network n : client.listNetworksCmd().withFilter("label", List.of(LabLabels.LAB)).exec()) {
      client.removeNetworkCmd(n.getId()).exec();
      networks++;
    }
    int volumes = 0;
    var listed = client.listVolumesCmd().withFilter("label", List.of(LabLabels.LAB)).exec().getVolumes();
    if (listed != null) {
      for (var v : listed) {
        client.removeVolumeCmd(v.getName()).exec();
        volumes++;
      }
    }
    int removedImages = 0;
    if (images) {
      for (LabImage image : labImages()) {
        try {
          client.removeImageCmd(image.id()).withForce(true).exec();
          removedImages++;
        } catch (NotFoundException ignored) {
          // removed with a sibling tag
        }
      }
    }
    return new CleanReport(containers, networks, volumes, removedImages);
  }

  /** How many lab-labelled containers exist now (tests use it to prove nothing leaked). */
  public List<String> labContainers() {
    return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LabLabels.LAB)).exec()
        .stream().map(Container::getId).toList();
  }

  @Override
  public void close() {
    live.close();
    try {
      client.close();
    } catch (IOException ignored) {
      // closing the transport
    }
  }
}
