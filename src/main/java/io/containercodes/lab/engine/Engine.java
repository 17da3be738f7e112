package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.transport.DockerHttpClient;
import io.containercodes.lab.EngineRefused;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.Timing;
import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The lab's one door to a container engine. Nothing outside this package sees docker-java: callers
 * speak in {@link RunSpec}, {@link Outcome}, handles ({@link Helper}, {@link LabNetwork}) and plain
 * values. The work is done by one class per job: {@link ContainerRunner} (runs), {@link Helpers},
 * {@link Networks}, {@link ImageStore}, {@link LabInventory} (listing and clean-up); this façade
 * admits specs through the {@link Guardrails} and turns the engine's refusals into the lab's.
 */
public final class Engine implements AutoCloseable {
  private final DockerClient client;
  private final EngineEndpoint endpoint;
  private final EngineKind kind;
  private final EngineClients.Ping ping;
  private final LiveObjects live;
  private final ContainerRunner runner;
  private final Guardrails guardrails;
  private final Helpers helpers;
  private final Networks networks;
  private final ImageStore images;
  private final ImageBuilds builds;
  private final ImageFiles imageFiles;
  private final LabInventory inventory;
  private final TwinProbeRunner twins;

  /** Runs on a swarm instead (CCLAB_CLUSTER=swarm); null on a single engine. */
  private final SwarmRunner swarm;

  private final Lazy<StreamHttpClient> raw;
  private final Map<String, String> env;
  private final List<EndpointDiscovery.Attempt> discovery;
  private EngineFacts facts;

  /**
   * The reaper runs beside the command (two list calls and their removals, off the critical path of
   * a run): it only touches objects whose owner process is gone, never this one's. Whatever lists
   * the lab's objects waits for it first, and so does {@link #close}.
   */
  private Thread reaper;

  /** The lab's folders copied in where the engine does not see this machine's files. */
  private HostCopies copies;

  /** The folders the lab binds from, and which of them the engine sees (one fact each). */
  private WorkingFolders folders;

  private FolderVisibility visibility;

  private Engine(
      DockerClient client,
      EngineEndpoint endpoint,
      EngineClients.Ping ping,
      Guardrails guardrails,
      Map<String, String> env,
      List<EndpointDiscovery.Attempt> discovery) {
    this.client = client;
    this.env = env;
    this.discovery = List.copyOf(discovery);
    this.endpoint = endpoint;
    this.kind = ping.kind();
    this.guardrails = guardrails.onEngine(kind, ping.serverVersion(), this::findContainer);
    this.ping = ping;
    // the hook's callbacks reach the runner and the inventory through methods: both are made after
    // the hook, since the runner needs its bookkeeping
    this.live =
        new LiveObjects(
            this::removeLeftContainer,
            this::removeLeftNetwork,
            name -> client.removeVolumeCmd(name).exec(),
            this::ownedByThisProcess);
    this.raw = new Lazy<>(() -> new StreamHttpClient(Path.of(endpoint.uri().getPath()), null));
    this.runner =
        new ContainerRunner(
            client,
            kind,
            live,
            "unix".equals(endpoint.uri().getScheme()) ? raw : null,
            this.guardrails,
            recordsOomKills(kind, ping.serverVersion()));
    this.helpers = new Helpers(client, runner);
    this.networks = new Networks(client, live);
    this.images = new ImageStore(client);
    this.builds = new ImageBuilds(client);
    this.architecture = new EngineArchitecture(client);
    this.imageFiles = new ImageFiles(client, live);
    this.inventory = new LabInventory(client, runner, Learner.of(env));
    this.twins =
        new TwinProbeRunner(runner, new ProbeKits(client, runner), guardrails, ping.kind());
    this.swarm =
        SwarmRunner.wanted(env)
            ? new SwarmRunner(endpoint.uri(), env, client, new EngineRecord(client, kind, raw))
            : null;
  }

  /** The engine's record of a container a line joins (container:NAME), for the guardrails. */
  private Optional<ContainerLookup.Target> findContainer(String nameOrId) {
    try {
      var r = client.inspectContainerCmd(nameOrId).exec();
      return Optional.of(
          new ContainerLookup.Target(r.getId(), RecordedSpec.labels(r), RecordedSpec.from(r)));
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return Optional.empty();
    } catch (DockerException e) {
      throw new IllegalStateException(EngineClients.rootMessage(e), e);
    }
  }

  /**
   * Docker Engine sets State.OOMKilled; Podman does from 5.0 (containers/podman#21523, which fixed
   * #13102): before, its "false" says nothing (measured on 4.3.1).
   */
  static boolean recordsOomKills(EngineKind kind, String version) {
    if (kind == EngineKind.DOCKER) {
      return true;
    }
    try {
      return version != null && Integer.parseInt(version.split("[.-]")[0]) >= 5;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void removeLeftContainer(String id) {
    runner.remove(id, true);
  }

  private void removeLeftNetwork(String name) {
    try {
      client.removeNetworkCmd(name).exec();
    } catch (RuntimeException ignored) {
      // the reaper retries on the next start
    }
  }

  private LiveObjects.Owned ownedByThisProcess() {
    return inventory.ownedByThisProcess();
  }

  /**
   * Connects and reaps what crashed lab runs left on this engine.
   *
   * @param discovery every place tried to find it, for doctor
   */
  static Engine open(
      EngineEndpoint endpoint,
      Map<String, String> env,
      Consumer<String> notice,
      List<EndpointDiscovery.Attempt> discovery) {
    EngineClients.Ping ping = EngineClients.ping(endpoint.uri(), env);
    if (ping.failure() != null) {
      throw new EnvironmentProblem(
          "The engine at " + endpoint + " stopped answering: " + ping.failure(),
          "Run 'cclab doctor'.");
    }
    Timing.mark("pinged again");
    DockerClient client = EngineClients.longLived(endpoint.uri(), env);
    Engine engine =
        new Engine(
            client,
            endpoint,
            ping,
            Guardrails.forHost(env, endpoint.uri().toString()),
            env,
            discovery);
    engine.folders = WorkingFolders.forHost(env, Guardrails.homeOf(env));
    engine.visibility = new FolderVisibility(engine.folders);
    engine.copies =
        new HostCopies(client, engine.folders, notice, engine::measuredUnseen, engine.live);
    engine.runner.copyProfilesWhen(engine::measuredUnseen);
    engine.reaper =
        new Thread(
            () -> {
              new StaleObjectReaper(client).reap().ifPresent(notice);
              if (engine.swarm != null) {
                engine.swarm.reap(notice);
              }
              Timing.mark("reaped");
            },
            "cclab-reaper");
    engine.reaper.setDaemon(true);
    engine.reaper.start();
    return engine;
  }

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
   * Runs a container to completion. The container is removed whatever happens. Only an admitted run
   * gets here; a spec that hands over the host without the user's consent is refused here again,
   * unless these very rules judged it when it was admitted.
   */
  public Outcome run(AdmittedRun admitted, OutputListener listener) {
    RunSpec spec = admitted.spec();
    ProbeKits.refuseVolumes(spec);
    Guardrails.Judgement judged = judged(admitted);
    if (swarm != null) { // judged above: the guardrails refuse here as on a single engine
      return swarm.run(spec, carriedToSwarm(admitted.origin()), ping.apiVersion(), listener);
    }
    Predicate<RunSpec.BindMount> copied = requireVisibleBinds(spec, admitted.origin());
    boolean ownCgroup = memoryLimitActs();
    try (HostCopies.Copied made = copied != null ? copies.copyIn(spec, copied) : null) {
      Outcome o =
          runner.run(
              made == null ? spec : made.sent(),
              judged,
              ownCgroup ? listener : withoutUsage(listener));
      if (made != null) {
        made.readBack();
      }
      return ownCgroup ? o : o.withUsage(Usage.NONE);
    } catch (DockerException e) {
      throw refused("run the container", spec, e);
    }
  }

  /**
   * The binds that reach a swarm's task as configs ({@link SwarmFiles}): the lab's own folders;
   * none of the fact probe's, whose mount measures whether the engine sees this machine's files.
   */
  private Predicate<RunSpec.BindMount> carriedToSwarm(AdmittedRun.Origin origin) {
    return origin == AdmittedRun.Origin.LAB_PROBE ? b -> false : copies::copies;
  }

  private synchronized boolean measuredUnseen() {
    return UnseenBinds.unseen(measured);
  }

  /**
   * Whether every bind of the spec is one of the lab's own folders, which the lab copies in where
   * the engine does not see this machine's files ({@link HostCopies}); a demo step that mounts only
   * those can be shown on any engine.
   */
  public boolean copiesAllBinds(RunSpec spec) {
    return spec.binds().stream().allMatch(copies::copies);
  }

  /**
   * The guardrails' judgement of a run: the one these rules made when the admission completed it
   * (try and audit judge a line on the host, then with this engine's rules, and need no third
   * judgement), or made here, whatever admitted it. The engine's record of the container is judged
   * again after the create either way ({@link RecordCheck}).
   */
  private Guardrails.Judgement judged(AdmittedRun admitted) {
    return admitted.judgedBy(guardrails).orElseGet(() -> guardrails.enforce(admitted.spec()));
  }

  /**
   * The binds to copy in, or null: those whose folder this session measured the engine not to see
   * ({@link FolderVisibility}) and that are the lab's ({@link WorkingFolders#copiable}); a
   * learner's folder it does not see is refused with a sentence. (The probes, which measure what
   * the engine sees, run before there is a measurement of their folder, so nothing of them is
   * copied.)
   */
  private Predicate<RunSpec.BindMount> requireVisibleBinds(
      RunSpec spec, AdmittedRun.Origin origin) {
    if (spec.binds().isEmpty()) {
      return null;
    }
    EngineFacts known;
    synchronized (this) {
      facts(); // a measurement of this session, if the session has one
      known = measured;
    }
    return visibility.copied(known, spec, folders.copiable(origin), kind);
  }

  /** Each folder the lab binds from, and whether the engine was measured to see it (doctor). */
  public List<FolderSight> folderSights() {
    return visibility.sights(facts());
  }

  /**
   * Where the probe writes its nonce: the lab's work folder, where its mounted folders live, so the
   * probe measures whether the engine sees those (a VM engine may share the home folder and not
   * /tmp). Null when it cannot be made: the host-files fact is then unknown.
   */
  private static Path workFolder() {
    try {
      return LabDirectories.ensureWork();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * False when the facts known so far say the memory limit does not act (or may not): the container
   * then has no memory cgroup of its own (rootless Podman on cgroup v1 runs it in its user's), so
   * the engine's stats describe something else — a "peak of 562 MiB of 1 GiB" for a print(1) — and
   * no gauge or limit is shown. Nothing is read for it: before the facts are, the stats are shown
   * as they come.
   */
  private synchronized boolean memoryLimitActs() {
    EngineFacts known = measured != null ? measured : facts;
    return known == null || known.fact(EngineFacts.Topic.MEMORY_LIMIT).isYes();
  }

  private static OutputListener withoutUsage(OutputListener listener) {
    return new OutputListener() {
      @Override
      public void stdout(String text) {
        listener.stdout(text);
      }

      @Override
      public void stderr(String text) {
        listener.stderr(text);
      }
    };
  }

  /** What the lab reads of a run beside its output, which some engines cannot give. */
  public enum RunRecord {
    /** The engine's list of the files the container changed. */
    FILE_CHANGES,
    /** The engine's event stream for the container. */
    EVENTS,
    /**
     * The engine's record of the container (an OOM kill): asked only for a run that came back
     * without one, which on a swarm is a task on another node than the manager.
     */
    NODE_RECORD,
    /** What a '--network none' container prints of its network: loopback alone. */
    NETWORK_VIEW
  }

  /**
   * Why this engine cannot give {@code what} of a run (a swarm task's container may be on another
   * node), or null when it can: a check that reads it is then skipped with this sentence, since an
   * empty record would read as "nothing changed" or "nothing happened".
   */
  public String unrecorded(RunRecord what) {
    return swarm == null ? null : SwarmMapping.unrecorded(what);
  }

  /**
   * Why this engine did not keep what a check judges by {@code key} (a probe fact, a record key)
   * for a run written as {@code line} — a swarm has no swap limit, and no task without a network —,
   * or null when it did: the check is then skipped with this sentence, not failed.
   */
  public String unkept(String key, RunSpec line) {
    return swarm == null ? null : SwarmMapping.unkept(key, line);
  }

  /**
   * Whether the engine's limits act, from the facts known now: measured ones once {@link
   * #measuredFacts} ran in this session, else what the engine says of itself.
   */
  public LimitSupport limits() {
    return LimitSupport.of(facts());
  }

  /**
   * Runs the lab's own probe in a twin of an admitted run: the same configuration the engine got,
   * the probe instead of the spec's command (which never runs), from the lab's probe kit at a path
   * the spec cannot know ({@link TwinProbe}). The twin passes the guardrails as {@code spec} would,
   * and is removed like any run. A configuration in which no process can start gives a report that
   * says so.
   *
   * @param busyboxImage the lab's busybox image (resolved reference): the kit holds its busybox
   * @throws io.containercodes.lab.InvalidInput when the spec mounts anything at /.cclab…
   */
  public ProbeReport probeTwin(AdmittedRun admitted, String busyboxImage) {
    SwarmRunner.refuseOnSwarm(swarm, "the lab's probe of a configuration (audit, sandbox)");
    return twins.probe(admitted.spec(), busyboxImage);
  }

  /**
   * Starts a long-running helper (e.g. a canary server); closing the handle removes it, and so does
   * the shutdown hook.
   */
  public Helper startHelper(AdmittedRun admitted) {
    RunSpec spec = admitted.spec();
    ProbeKits.refuseVolumes(spec);
    Guardrails.Judgement judged = judged(admitted);
    if (swarm != null) { // a service on the run's networks, judged above as on a single engine
      return swarm.startHelper(spec, carriedToSwarm(admitted.origin()), ping.apiVersion());
    }
    Predicate<RunSpec.BindMount> labs = requireVisibleBinds(spec, admitted.origin());
    HostCopies.Copied copied = labs != null ? copies.copyIn(spec, labs) : null;
    try {
      return helpers.start(copied == null ? spec : copied.sent(), judged).keeping(copied);
    } catch (RuntimeException e) {
      Quietly.close(copied);
      throw e instanceof DockerException d ? refused("start a helper", spec, d) : e;
    }
  }

  /**
   * The engine's refusal as a sentence with its cause and a fix; its raw answer (JSON and all) is
   * kept for --verbose (issue #25.7).
   */
  private EngineRefused refused(String what, RunSpec spec, RuntimeException e) {
    String sentence = EngineMessages.sentence(e);
    return new EngineRefused(
        kind.displayName() + " could not " + what + ": " + sentence + ".",
        RefusalCause.fixFor(EngineClients.rootMessage(e), spec),
        EngineMessages.raw(e),
        e);
  }

  /**
   * Creates a labelled network of the lab's own; {@code internal} networks have no route out of the
   * machine, which is what the lab's canary lessons use. Closing the handle removes it.
   */
  public LabNetwork createNetwork(String name, boolean internal) {
    return swarm != null
        ? swarm.createNetwork(name, internal, ping.apiVersion())
        : networks.create(name, internal);
  }

  /** Every place the lab tried to find this engine, in order, with what each answered. */
  public List<EndpointDiscovery.Attempt> discovery() {
    return discovery;
  }

  /**
   * What the engine says about itself — rootless, which limits act, its security features, its own
   * paths — read once per connection ({@link EngineFactsReader}); a fact it does not tell is
   * unknown.
   *
   * <p>The read completes whatever interrupts arrive meanwhile: it is kept for the connection, and
   * a Ctrl-C that cut it short (the transport's channel closes on an interrupted thread) made every
   * limit unknown for the rest of the session, so later demos were skipped at once (ReplInterruptIT
   * saw fork-bomb skip from then on). The interrupt is set again once the facts are read.
   */
  public synchronized EngineFacts facts() {
    if (measured == null) {
      sessionCache.find(endpoint, kind, ping.serverVersion()).ifPresent(f -> measured = f);
    }
    if (measured != null) {
      return measured;
    }
    if (facts == null) {
      facts = Uninterrupted.complete(this::readFacts);
    }
    return facts;
  }

  private EngineFacts readFacts() {
    DockerHttpClient http = EngineClients.transport(endpoint.uri(), env, null, FACTS_TIMEOUT, 1);
    try {
      return new EngineFactsReader(http)
          .read(kind, ping.serverVersion(), ping.apiVersion(), endpoint);
    } finally {
      Quietly.close(http);
    }
  }

  /**
   * The facts with what the lab's own probe measured on this engine ({@link FactProbe}: which
   * limits act, whether it sees the lab's files) in place of what the engine says; measured once
   * per session (this connection, and for the next commands {@link FactsSessionCache}), and {@link
   * #facts} returns them from then on. The probe is a container like any other, so the caller runs
   * it through the lab's admission path.
   *
   * @param admittedRun admits a spec the lab built and runs it on this engine (its image made sure
   *     of), returning the outcome; a refusal is thrown as the lab's exception
   */
  public EngineFacts measuredFacts(Function<RunSpec, Outcome> admittedRun) {
    // each folder the lab binds from is measured through the same path when a run first needs it
    visibility.probeWith(admittedRun);
    return measuredOnce(admittedRun);
  }

  private EngineFacts measuredOnce(Function<RunSpec, Outcome> admittedRun) {
    EngineFacts record = facts();
    synchronized (measuring) {
      synchronized (this) {
        if (measured != null) {
          return measured;
        }
      }
      EngineFacts m = FactProbe.measure(record, admittedRun, workFolder());
      synchronized (this) {
        measured = m;
      }
      if (FactProbe.settled(m)) {
        sessionCache.store(m);
      }
      return m;
    }
  }

  /** Whether this session's facts were measured (here or by an earlier command). */
  public synchronized boolean measured() {
    facts();
    return measured != null;
  }

  private final Object measuring = new Object();
  private EngineFacts measured;
  private final FactsSessionCache sessionCache = FactsSessionCache.forUser();

  /** Podman answers its info in about half a second; a loaded machine takes longer. */
  private static final Duration FACTS_TIMEOUT = Duration.ofSeconds(30);

  // ---- images -------------------------------------------------------------------------

  /** Loads a docker-archive tar (as {@code docker save} writes it). */
  public void loadImage(InputStream archive) {
    images.load(archive);
  }

  /** Facts about one local image, or empty when the engine does not have it. */
  public Optional<ImageDetails> inspectImage(String reference) {
    return images.inspect(reference);
  }

  /**
   * Pulls an image, reporting progress from the engine's pull events.
   *
   * @throws EnvironmentProblem with the engine's own words when the pull fails
   */
  public void pullImage(String reference, Consumer<PullProgress> progress, Duration timeout) {
    images.pull(reference, progress, timeout);
  }

  /** Gives an image a further name, e.g. a pulled upstream image its lab reference. */
  public void tagImage(String imageReference, String newReference) {
    images.tag(imageReference, newReference);
  }

  /** Builds a tar context with a Containerfile on the engine (see {@link ImageBuilds}). */
  public String buildImage(InputStream context, String tag, Duration timeout) {
    return builds.build(context, tag, timeout);
  }

  /** The same, with the engine's build network when {@code network} is set. */
  public String buildImage(InputStream context, String tag, Duration timeout, boolean network) {
    return builds.build(context, tag, timeout, network);
  }

  /**
   * The engine's CPU architecture in OCI spelling ({@code amd64}, {@code arm64}), read once; null
   * when it does not say (see {@link EngineArchitecture}).
   */
  public String architecture() {
    return architecture.get();
  }

  private final EngineArchitecture architecture;

  /** {@code repository@sha256:…} of a pulled image, as the engine recorded it. */
  public Optional<String> pinnedReference(String reference) {
    return builds.pinned(reference);
  }

  /** One regular file out of an image, without running it (see {@link ImageFiles}). */
  public byte[] readImageFile(String image, String path) {
    return imageFiles.read(image, path);
  }

  /** Writes an image as a docker-archive tar, as {@code docker save} does. */
  public void saveImage(String reference, OutputStream out) throws IOException {
    images.save(reference, out);
  }

  /**
   * Removes an image's tag; false when there was none. Never forced, so an image a parallel run
   * uses stays.
   *
   * @throws EngineRefused when a container still uses the image
   */
  public boolean removeImage(String reference) {
    return images.remove(reference);
  }

  /** The lab's tasks on this swarm, per learner and node ({@link SwarmRoom}). */
  public List<SwarmRoom.Task> roomTasks() {
    return SwarmRoom.tasks(endpoint.uri(), env);
  }

  /**
   * Removes lab-labelled containers, networks and volumes whose owner process is gone (or that name
   * no owner); with {@code everything}, also those of lab processes still running.
   */
  public CleanReport clean(boolean everything) {
    awaitReaper();
    CleanReport report = inventory.clean(everything);
    return swarm == null ? report : report.plus(swarm.clean(everything));
  }

  /**
   * Stops and removes every container and network this process owns, and tells what is left: what a
   * run that was interrupted (Ctrl-C in the REPL) started, found by the owner label, so an object
   * whose creation the interrupt cut short goes too. Only between runs: a run going on in this
   * process would lose its containers.
   */
  public CleanReport removeObjectsOfThisProcess() {
    CleanReport[] report = new CleanReport[1];
    Uninterrupted.run(
        () -> {
          report[0] = inventory.removeOwnedByThisProcess();
          live.forgetAll();
        });
    return report[0];
  }

  /**
   * The lab's containers and networks whose owner label names process {@code pid} on this host, as
   * "container ID" and "network NAME": what a run of that process left behind.
   */
  public List<String> objectsOwnedBy(long pid) {
    awaitReaper();
    return inventory.objectsOwnedBy(pid);
  }

  public List<String> labContainers() {
    awaitReaper();
    return inventory.labContainers();
  }

  /** The names of the lab's volumes that also carry {@code label} ("key=value"), for tests. */
  List<String> labVolumes(String label) {
    var listed =
        client
            .listVolumesCmd()
            .withFilter("label", List.of(LabLabels.LAB, label))
            .exec()
            .getVolumes();
    return listed == null
        ? List.of()
        : listed.stream()
            .map(com.github.dockerjava.api.command.InspectVolumeResponse::getName)
            .toList();
  }

  /** The lab's containers this process created: other lab runs on the same engine do not count. */
  public List<String> labContainersOfThisProcess() {
    return inventory.labContainersOfThisProcess();
  }

  /** Made on first use: most commands never need the bare transport. */
  private static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> make;
    private T value;

    Lazy(Supplier<T> make) {
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

  /**
   * For a shutdown hook that removes host files the lab mounts into containers: waits (at most
   * {@code within}) until every open engine connection's own hook has stopped new creations and
   * removed this process's containers, so nothing the engine makes for a mount (both engines create
   * a missing {@code -v} source) appears after the files are gone.
   */
  public static void awaitShutdownCleanup(Duration within) {
    LiveObjects.awaitShutdownCleanup(within.toMillis());
  }

  @Override
  public void close() {
    awaitReaper();
    live.close();
    if (swarm != null) {
      swarm.close();
    }
    if (raw.made() != null) {
      Quietly.close(raw.made());
    }
    try {
      client.close();
    } catch (IOException ignored) {
      // closing the transport
    }
  }
}
