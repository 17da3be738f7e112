package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PullResponseItem;
import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The lab's one door to a container engine. Nothing outside this package sees docker-java: callers
 * speak in {@link RunSpec}, {@link Outcome} and plain values.
 */
public final class Engine implements AutoCloseable {
  private final DockerClient client;
  private final EngineEndpoint endpoint;
  private final EngineKind kind;
  private final EngineClients.Ping ping;
  private final LiveObjects live;
  private final ContainerRunner runner;
  private final Guardrails guardrails;

  private final Lazy<UnixSocketHttpClient> raw;

  private Engine(
      DockerClient client,
      EngineEndpoint endpoint,
      EngineClients.Ping ping,
      Guardrails guardrails) {
    this.client = client;
    this.guardrails = guardrails;
    this.endpoint = endpoint;
    this.kind = ping.kind();
    this.ping = ping;
    this.live =
        new LiveObjects(
            id -> runnerRemove(id),
            name -> {
              try {
                client.removeNetworkCmd(name).exec();
              } catch (RuntimeException ignored) {
                // the reaper retries on the next start
              }
            },
            this::ownedObjects);
    this.raw =
        new Lazy<>(
            () -> new UnixSocketHttpClient(java.nio.file.Path.of(endpoint.uri().getPath()), null));
    this.runner =
        new ContainerRunner(
            client, kind, live, "unix".equals(endpoint.uri().getScheme()) ? raw : null);
  }

  /**
   * Every container and network the engine lists as this process's: what the shutdown hook removes.
   */
  private LiveObjects.Owned ownedObjects() {
    String owner = LabLabels.OWNER + "=" + LabLabels.Owner.current().encode();
    List<String> containers =
        client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(owner)).exec().stream()
            .map(Container::getId)
            .toList();
    List<String> networks =
        client.listNetworksCmd().withFilter("label", List.of(owner)).exec().stream()
            .map(Network::getName)
            .toList();
    return new LiveObjects.Owned(containers, networks);
  }

  private void runnerRemove(String id) {
    runner.remove(id, true);
  }

  /** Connects and reaps what crashed lab runs left on this engine. */
  static Engine open(EngineEndpoint endpoint, Map<String, String> env, Consumer<String> notice) {
    EngineClients.Ping ping = EngineClients.ping(endpoint.uri(), env);
    if (ping.failure() != null) {
      throw new EnvironmentProblem(
          "The engine at " + endpoint + " stopped answering: " + ping.failure(),
          "Run 'cclab doctor'.");
    }
    io.containercodes.lab.Timing.mark("pinged again");
    DockerClient client = EngineClients.longLived(endpoint.uri(), env);
    Engine engine =
        new Engine(client, endpoint, ping, Guardrails.forHost(env, endpoint.uri().toString()));
    engine.reaper =
        new Thread(
            () -> {
              new StaleObjectReaper(client).reap().ifPresent(notice);
              io.containercodes.lab.Timing.mark("reaped");
            },
            "cclab-reaper");
    engine.reaper.setDaemon(true);
    engine.reaper.start();
    return engine;
  }

  /**
   * The reaper runs beside the command (two list calls and their removals, off the critical path of
   * a run): it only touches objects whose owner process is gone, never this one's. Whatever lists
   * the lab's objects waits for it first, and so does {@link #close}.
   */
  private Thread reaper;

  void awaitReaper() {
    Thread r = reaper;
    if (r == null || r == Thread.currentThread()) {
      return;
    }
    try {
      r.join(REAPER_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final long REAPER_WAIT_MS = 30_000;

  public EngineKind kind() {
    return kind;
  }

  public EngineEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The rules every container this engine creates must pass; this endpoint's socket is among them.
   */
  public Guardrails guardrails() {
    return guardrails;
  }

  /**
   * Runs a container to completion. The container is removed whatever happens. A spec that hands
   * over the host without the user's consent is refused here, whoever built it.
   */
  public Outcome run(RunSpec spec, OutputListener listener) {
    guardrails.enforce(spec);
    try {
      return runner.run(spec, listener);
    } catch (DockerException e) {
      String message = EngineClients.rootMessage(e);
      throw new EngineRefused(
          kind.displayName() + " refused to run the container: " + message,
          RefusalCause.fixFor(message),
          e);
    }
  }

  /**
   * Starts a long-running helper (e.g. a canary server). Removed by {@link #stopHelper} or at exit.
   */
  public String startHelper(RunSpec spec) {
    guardrails.enforce(spec);
    try {
      return runner.startDetached(spec);
    } catch (DockerException e) {
      throw new EngineRefused(
          kind.displayName() + " refused to start a helper: " + EngineClients.rootMessage(e),
          null,
          e);
    }
  }

  /** A container's output so far: {stdout, stderr}. */
  public CapturedText[] logs(String containerId) {
    return runner.logs(containerId);
  }

  public void stopHelper(String containerId) {
    runner.stopHelper(containerId);
  }

  /**
   * Creates a labelled network of the lab's own; {@code internal} networks have no route out of the
   * machine, which is what the lab's canary lessons use.
   */
  public String createNetwork(String name, boolean internal) {
    live.createNetwork(
        () -> {
          client
              .createNetworkCmd()
              .withName(name)
              .withInternal(internal)
              .withLabels(LabLabels.forNewObject())
              .exec();
          return name;
        });
    return name;
  }

  public void removeNetwork(String name) {
    try {
      client.removeNetworkCmd(name).exec();
    } catch (NotFoundException ignored) {
      // gone already
    }
    live.removeNetwork(name);
  }

  public EngineInfo info() {
    Info info = client.infoCmd().exec();
    List<String> security =
        info.getSecurityOptions() == null ? List.of() : info.getSecurityOptions();
    boolean rootless = security.stream().anyMatch(o -> o.contains("name=rootless"));
    return new EngineInfo(
        kind,
        ping.serverVersion(),
        ping.apiVersion(),
        endpoint,
        rootless,
        info.getCGroupVersion(),
        info.getCGroupDriver(),
        defaultRuntime(info),
        security,
        info.getOperatingSystem(),
        info.getKernelVersion());
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
      Map<String, String> labels =
          r.getConfig() == null || r.getConfig().getLabels() == null
              ? Map.of()
              : r.getConfig().getLabels();
      return Optional.of(labels);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Loads a docker-archive tar (as {@code docker save} writes it). */
  public void loadImage(InputStream archive) {
    client.loadImageCmd(archive).exec();
  }

  /** Facts about one local image. */
  public record ImageDetails(
      String id, Map<String, String> labels, long sizeBytes, String created) {}

  public Optional<ImageDetails> inspectImage(String reference) {
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

  /** Progress of a pull: bytes done and total over all layers seen so far. */
  public record PullProgress(long doneBytes, long totalBytes, String status) {}

  /**
   * Pulls an image, reporting progress from the engine's pull events.
   *
   * @throws EnvironmentProblem with the engine's own words when the pull fails
   */
  public void pullImage(String reference, Consumer<PullProgress> progress, Duration timeout) {
    Map<String, long[]> layers = new java.util.concurrent.ConcurrentHashMap<>();
    // not docker-java's PullImageResultCallback: it fails with a NullPointerException on
    // Podman's error items, which carry no status
    String[] error = {null};
    ResultCallback.Adapter<PullResponseItem> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(PullResponseItem item) {
            if (item.isErrorIndicated()) {
              error[0] =
                  item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                      ? item.getErrorDetail().getMessage()
                      : item.getError();
              return;
            }
            // "Downloading" only: extraction reports progress too, and would restart the count
            if ("Downloading".equals(item.getStatus())
                && item.getId() != null
                && item.getProgressDetail() != null
                && item.getProgressDetail().getTotal() != null
                && item.getProgressDetail().getTotal() > 0) {
              layers.put(
                  item.getId(),
                  new long[] {
                    item.getProgressDetail().getCurrent() == null
                        ? 0
                        : item.getProgressDetail().getCurrent(),
                    item.getProgressDetail().getTotal()
                  });
            }
            long done = layers.values().stream().mapToLong(v -> v[0]).sum();
            long total = layers.values().stream().mapToLong(v -> v[1]).sum();
            progress.accept(new PullProgress(done, total, item.getStatus()));
          }
        };
    try {
      if (!client
          .pullImageCmd(reference)
          .exec(callback)
          .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        closeQuietly(callback);
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
    if (error[0] != null) {
      throw new EnvironmentProblem("Pulling " + reference + " failed: " + error[0].strip(), null);
    }
    if (inspectImage(reference).isEmpty()) {
      throw new EnvironmentProblem("Pulling " + reference + " ended without the image.", null);
    }
  }

  /**
   * Pushes an image to its registry (the lab pushes only to a loopback registry, in tests and
   * rooms).
   */
  public void pushImage(String reference, Duration timeout) {
    int colon = reference.lastIndexOf(':');
    boolean hasTag = colon > reference.lastIndexOf('/');
    try {
      boolean done =
          client
              .pushImageCmd(hasTag ? reference.substring(0, colon) : reference)
              .withTag(hasTag ? reference.substring(colon + 1) : "latest")
              .exec(
                  new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(com.github.dockerjava.api.model.PushResponseItem item) {
                      if (item.isErrorIndicated()) {
                        onError(
                            new EngineRefused(
                                "push failed: " + item.getErrorDetail().getMessage(), null, null));
                      }
                    }
                  })
              .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        throw new EnvironmentProblem(
            "Pushing " + reference + " took longer than " + timeout.toSeconds() + " s.", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentProblem("Interrupted while pushing " + reference + ".", null, e);
    }
  }

  /** Gives an image a further name, e.g. a pulled upstream image its lab reference. */
  public void tagImage(String imageReference, String newReference) {
    int colon = newReference.lastIndexOf(':');
    boolean hasTag = colon > newReference.lastIndexOf('/');
    client
        .tagImageCmd(
            imageReference,
            hasTag ? newReference.substring(0, colon) : newReference,
            hasTag ? newReference.substring(colon + 1) : "latest")
        .exec();
  }

  /** Writes an image as a docker-archive tar, as {@code docker save} does. */
  public void saveImage(String reference, OutputStream out) throws IOException {
    try (InputStream in = client.saveImageCmd(reference).exec()) {
      in.transferTo(out);
    }
  }

  /** Removes one name of an image (the image goes when its last name does); false when absent. */
  /**
   * Removes an image's tag; false when there was none. Never forced: Podman's forced removal also
   * removes every container made from the image, including a parallel run's (measured: a demo in
   * another terminal lost its container to "no such container").
   *
   * @throws EngineRefused when a container still uses the image
   */
  public boolean removeImage(String reference) {
    try {
      client.removeImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (com.github.dockerjava.api.exception.ConflictException e) {
      // what a crashed lab run left may hold it: reap those (never a live run's) and try once more
      new StaleObjectReaper(client).reap();
      try {
        client.removeImageCmd(reference).exec();
        return true;
      } catch (NotFoundException gone) {
        return false;
      } catch (com.github.dockerjava.api.exception.ConflictException still) {
        throw new EngineRefused(
            reference + " is in use by a container: " + EngineClients.rootMessage(still),
            "Let the lab runs that use it finish, then run cclab clean --images again.",
            still);
      }
    }
  }

  // ---- clean-up -----------------------------------------------------------------------

  /**
   * What {@link #clean} removed, and what it left because its owner is still running: another
   * terminal's REPL, a parallel {@code verify}, this very process.
   */
  public record CleanReport(
      int containers,
      int networks,
      int volumes,
      int leftContainers,
      int leftNetworks,
      int leftVolumes,
      java.util.Set<String> liveOwners) {
    public int left() {
      return leftContainers + leftNetworks + leftVolumes;
    }
  }

  /**
   * Removes lab-labelled containers, networks and volumes whose owner process is gone (or that name
   * no owner); with {@code everything}, also those of lab processes still running.
   */
  public CleanReport clean(boolean everything) {
    awaitReaper();
    java.util.Set<String> owners = new java.util.TreeSet<>();
    int containers = 0;
    int leftContainers = 0;
    for (Container c :
        client
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(List.of(LabLabels.LAB))
            .exec()) {
      if (!everything && !StaleObjectReaper.isStale(c.getLabels())) {
        leftContainers++;
        owners.add(c.getLabels().get(LabLabels.OWNER));
        continue;
      }
      runner.remove(c.getId(), "running".equals(c.getState()));
      containers++;
    }
    int networks = 0;
    int leftNetworks = 0;
    for (Network n : client.listNetworksCmd().withFilter("label", List.of(LabLabels.LAB)).exec()) {
      if (!everything && !StaleObjectReaper.isStale(n.getLabels())) {
        leftNetworks++;
        owners.add(n.getLabels().get(LabLabels.OWNER));
        continue;
      }
      try {
        client.removeNetworkCmd(n.getId()).exec();
        networks++;
      } catch (NotFoundException e) {
        // removed meanwhile by its owner
      } catch (DockerException e) {
        leftNetworks++; // still used by a container that was left
      }
    }
    int volumes = 0;
    int leftVolumes = 0;
    var listed =
        client.listVolumesCmd().withFilter("label", List.of(LabLabels.LAB)).exec().getVolumes();
    if (listed != null) {
      for (var v : listed) {
        if (!everything && !StaleObjectReaper.isStale(v.getLabels())) {
          leftVolumes++;
          owners.add(v.getLabels().get(LabLabels.OWNER));
          continue;
        }
        try {
          client.removeVolumeCmd(v.getName()).exec();
          volumes++;
        } catch (NotFoundException e) {
          // removed meanwhile
        } catch (DockerException e) {
          leftVolumes++; // in use by a container that was left
        }
      }
    }
    return new CleanReport(
        containers, networks, volumes, leftContainers, leftNetworks, leftVolumes, owners);
  }

  /** How many lab-labelled containers exist now (tests use it to prove nothing leaked). */
  /** The IPv4 address a running container has on one of its networks; empty when it has none. */
  public Optional<String> addressOf(String containerId) {
    var settings = client.inspectContainerCmd(containerId).exec().getNetworkSettings();
    if (settings == null || settings.getNetworks() == null) {
      return Optional.empty();
    }
    return settings.getNetworks().values().stream()
        .map(n -> n.getIpAddress())
        .filter(ip -> ip != null && !ip.isEmpty())
        .findFirst();
  }

  /**
   * The lab's containers and networks whose owner label names process {@code pid} on this host, as
   * "container ID" and "network NAME": what a run of that process left behind.
   */
  public List<String> objectsOwnedBy(long pid) {
    awaitReaper();
    java.util.function.Predicate<Map<String, String>> ours =
        labels ->
            labels != null
                && LabLabels.Owner.decode(labels.get(LabLabels.OWNER))
                    .filter(o -> o.pid() == pid && o.host().equals(HostName.get()))
                    .isPresent();
    List<String> found = new ArrayList<>();
    client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of(LabLabels.LAB))
        .exec()
        .stream()
        .filter(c -> ours.test(c.getLabels()))
        .forEach(c -> found.add("container " + c.getId()));
    client.listNetworksCmd().withFilter("label", List.of(LabLabels.LAB)).exec().stream()
        .filter(n -> ours.test(n.getLabels()))
        .forEach(n -> found.add("network " + n.getName()));
    return found;
  }

  public List<String> labContainers() {
    awaitReaper();
    return client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of(LabLabels.LAB))
        .exec()
        .stream()
        .map(Container::getId)
        .toList();
  }

  /** The lab's containers this process created: other lab runs on the same engine do not count. */
  public List<String> labContainersOfThisProcess() {
    return client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(LabLabels.OWNER, LabLabels.Owner.current().encode()))
        .exec()
        .stream()
        .map(Container::getId)
        .toList();
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing an abandoned stream
    }
  }

  /** Made on first use: most commands never need the bare transport. */
  private static final class Lazy<T> implements java.util.function.Supplier<T> {
    private final java.util.function.Supplier<T> make;
    private T value;

    Lazy(java.util.function.Supplier<T> make) {
      this.make = make;
    }

    @Override
    public synchronized T get() {
      if (value == null) {
        value = make.get();
      }
      return value;
    }

    synchronized T made() {
      return value;
    }
  }

  @Override
  public void close() {
    awaitReaper();
    live.close();
    if (raw.made() != null) {
      closeQuietly(raw.made());
    }
    try {
      client.close();
    } catch (IOException ignored) {
      // closing the transport
    }
  }
}
