package io.containercodes.lab.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the lab needs to start one container, in the engine's vocabulary but free of
 * docker-java types, so the parser, the demos and the audit can build one without the client. Null
 * means "the engine's default" for every optional field.
 */
public record RunSpec(
    String image,
    List<String> command,
    List<String> entrypoint,
    Map<String, String> env,
    String workdir,
    String user,
    String hostname,
    Long memoryBytes,
    Long memorySwapBytes,
    Long nanoCpus,
    Long pidsLimit,
    List<Ulimit> ulimits,
    String network,
    boolean readOnlyRoot,
    List<Tmpfs> tmpfs,
    List<BindMount> binds,
    List<Device> devices,
    List<String> capDrop,
    List<String> capAdd,
    List<String> securityOpts,
    boolean init,
    boolean privileged,
    String pidMode,
    String ipcMode,
    String utsMode,
    String userns,
    Map<String, String> labels,
    Duration timeout,
    List<String> networkAliases,
    boolean captureChanges,
    boolean captureEvents,
    boolean consent,
    List<Publish> publish,
    String restartPolicy,
    String healthCmd,
    String cgroupParent,
    Long cpuShares,
    Boolean readOnlyTmpfs,
    String runId,
    String name,
    List<VolumeMount> volumes) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public RunSpec {
    Objects.requireNonNull(image, "image");
    command = List.copyOf(command);
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    env = Map.copyOf(env);
    ulimits = List.copyOf(ulimits);
    tmpfs = List.copyOf(tmpfs);
    binds = List.copyOf(binds);
    devices = List.copyOf(devices);
    capDrop = List.copyOf(capDrop);
    capAdd = List.copyOf(capAdd);
    securityOpts = List.copyOf(securityOpts);
    labels = Map.copyOf(labels);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    networkAliases = List.copyOf(networkAliases);
    publish = publish == null ? List.of() : List.copyOf(publish);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  public static Builder builder(String image) {
    return new Builder(image);
  }

  public Builder toBuilder() {
    Builder b = new Builder(image);
    b.command.addAll(command);
    b.entrypoint = entrypoint == null ? null : new ArrayList<>(entrypoint);
    b.env.putAll(env);
    b.workdir = workdir;
    b.user = user;
    b.hostname = hostname;
    b.memoryBytes = memoryBytes;
    b.memorySwapBytes = memorySwapBytes;
    b.nanoCpus = nanoCpus;
    b.pidsLimit = pidsLimit;
    b.ulimits.addAll(ulimits);
    b.network = network;
    b.readOnlyRoot = readOnlyRoot;
    b.tmpfs.addAll(tmpfs);
    b.binds.addAll(binds);
    b.devices.addAll(devices);
    b.capDrop.addAll(capDrop);
    b.capAdd.addAll(capAdd);
    b.securityOpts.addAll(securityOpts);
    b.init = init;
    b.privileged = privileged;
    b.pidMode = pidMode;
    b.ipcMode = ipcMode;
    b.utsMode = utsMode;
    b.userns = userns;
    b.labels.putAll(labels);
    b.timeout = timeout;
    b.networkAliases.addAll(networkAliases);
    b.captureChanges = captureChanges;
    b.captureEvents = captureEvents;
    b.consent = consent;
    b.publish.addAll(publish);
    b.restartPolicy = restartPolicy;
    b.healthCmd = healthCmd;
    b.cgroupParent = cgroupParent;
    b.cpuShares = cpuShares;
    b.readOnlyTmpfs = readOnlyTmpfs;
    b.runId = runId;
    b.name = name;
    b.volumes.addAll(volumes);
    return b;
  }

  /** A resource limit, as in {@code --ulimit nofile=1024:2048}. */
  public record Ulimit(String name, long soft, long hard) {}

  /** A tmpfs mount; options are the engine's comma list ({@code rw,noexec,nosuid,size=16m}). */
  public record Tmpfs(String containerPath, String options) {}

  /** A host directory or file made visible in the container. */
  public record BindMount(
      String hostPath, String containerPath, boolean readOnly, List<String> options) {
    public BindMount {
      options = List.copyOf(options);
    }
  }

  /**
   * A named volume of the lab's own (the probe kit), mounted at {@code containerPath}. Only the lab
   * makes these: the run-line parser has no way to name a volume, so a learner's line never holds
   * one.
   */
  public record VolumeMount(String name, String containerPath, boolean readOnly) {}

  /**
   * A host device made available in the container, as in {@code --device /dev/fuse:/dev/fuse:rwm}.
   */
  public record Device(String hostPath, String containerPath, String permissions) {}

  /**
   * A published port as the line wrote it ({@code -p [IP:][HOST_PORT:]PORT[/PROTOCOL]}). The lab
   * itself never opens one beyond the host's loopback (see ContainerRunner); what the line asked
   * for is kept so the audit can judge it.
   *
   * @param hostIp "" when the line gives none: every interface of the host
   * @param hostPort null when the engine picks one
   */
  public record Publish(String hostIp, Integer hostPort, int containerPort, String protocol) {
    /** The host address the line asked for is every interface: reachable from the network. */
    public boolean allInterfaces() {
      return hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::");
    }
  }

  /** Mutable on purpose: the parser fills it flag by flag. */
  public static final class Builder {
    private String image;
    private final List<String> command = new ArrayList<>();
    private List<String> entrypoint;
    private final Map<String, String> env = new LinkedHashMap<>();
    private String workdir;
    private String user;
    private String hostname;
    private Long memoryBytes;
    private Long memorySwapBytes;
    private Long nanoCpus;
    private Long pidsLimit;
    private final List<Ulimit> ulimits = new ArrayList<>();
    private String network;
    private boolean readOnlyRoot;
    private final List<Tmpfs> tmpfs = new ArrayList<>();
    private final List<BindMount> binds = new ArrayList<>();
    private final List<Device> devices = new ArrayList<>();
    private final List<String> capDrop = new ArrayList<>();
    private final List<String> capAdd = new ArrayList<>();
    private final List<String> securityOpts = new ArrayList<>();
    private boolean init;
    private boolean privileged;
    private String pidMode;
    private String ipcMode;
    private String utsMode;
    private String userns;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Duration timeout;
    private final List<String> networkAliases = new ArrayList<>();
    private boolean captureChanges;
    private boolean captureEvents;
    private boolean consent;
    private final List<Publish> publish = new ArrayList<>();
    private String restartPolicy;
    private String healthCmd;
    private String cgroupParent;
    private Long cpuShares;
    private Boolean readOnlyTmpfs;
    private String runId;
    private String name;
    private final List<VolumeMount> volumes = new ArrayList<>();

    private Builder(String image) {
      this.image = image;
    }

    public Builder image(String v) {
      image = v;
      return this;
    }

    public Builder command(List<String> v) {
      command.clear();
      command.addAll(v);
      return this;
    }

    public Builder command(String... v) {
      return command(List.of(v));
    }

    public Builder entrypoint(List<String> v) {
      entrypoint = v == null ? null : new ArrayList<>(v);
      return this;
    }

    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public Builder workdir(String v) {
      workdir = v;
      return this;
    }

    public Builder user(String v) {
      user = v;
      return this;
    }

    public Builder hostname(String v) {
      hostname = v;
      return this;
    }

    public Builder memoryBytes(Long v) {
      memoryBytes = v;
      return this;
    }

    public Builder memorySwapBytes(Long v) {
      memorySwapBytes = v;
      return this;
    }

    public Builder nanoCpus(Long v) {
      nanoCpus = v;
      return this;
    }

    public Builder pidsLimit(Long v) {
      pidsLimit = v;
      return this;
    }

    public Builder ulimit(Ulimit v) {
      ulimits.add(v);
      return this;
    }

    public Builder network(String v) {
      network = v;
      return this;
    }

    public Builder readOnlyRoot(boolean v) {
      readOnlyRoot = v;
      return this;
    }

    public Builder tmpfs(Tmpfs v) {
      tmpfs.add(v);
      return this;
    }

    public Builder bind(BindMount v) {
      binds.add(v);
      return this;
    }

    public Builder binds(List<BindMount> v) {
      binds.clear();
      binds.addAll(v);
      return this;
    }

    public Builder device(Device v) {
      devices.add(v);
      return this;
    }

    public Builder capDrop(String v) {
      capDrop.add(v);
      return this;
    }

    public Builder capAdd(String v) {
      capAdd.add(v);
      return this;
    }

    public Builder securityOpt(String v) {
      securityOpts.add(v);
      return this;
    }

    /** Replaces every security option. */
    public Builder securityOpts(List<String> v) {
      securityOpts.clear();
      securityOpts.addAll(v);
      return this;
    }

    public Builder init(boolean v) {
      init = v;
      return this;
    }

    public Builder privileged(boolean v) {
      privileged = v;
      return this;
    }

    public Builder pidMode(String v) {
      pidMode = v;
      return this;
    }

    public Builder ipcMode(String v) {
      ipcMode = v;
      return this;
    }

    public Builder utsMode(String v) {
      utsMode = v;
      return this;
    }

    public Builder userns(String v) {
      userns = v;
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public Builder timeout(Duration v) {
      timeout = v;
      return this;
    }

    public Builder networkAlias(String v) {
      networkAliases.add(v);
      return this;
    }

    /** Ask the engine, before removal, which files the container changed outside its mounts. */
    public Builder captureChanges(boolean v) {
      captureChanges = v;
      return this;
    }

    /** Follow the engine's event stream for this container (start, oom, die…) while it runs. */
    public Builder captureEvents(boolean v) {
      captureEvents = v;
      return this;
    }

    /**
     * The user said {@code --i-understand}: {@link Guardrails} let the line hand the container what
     * it asks for, and the lab's safety caps give way to limits the line turns off.
     */
    public Builder consent(boolean v) {
      consent = v;
      return this;
    }

    public Builder publish(Publish v) {
      publish.add(v);
      return this;
    }

    /** Everything published removed: the audit's own run opens no port at all. */
    public Builder clearPublish() {
      publish.clear();
      return this;
    }

    public Builder restartPolicy(String v) {
      restartPolicy = v;
      return this;
    }

    public Builder healthCmd(String v) {
      healthCmd = v;
      return this;
    }

    public Builder cgroupParent(String v) {
      cgroupParent = v;
      return this;
    }

    public Builder cpuShares(Long v) {
      cpuShares = v;
      return this;
    }

    /**
     * Podman's --read-only-tmpfs; null leaves the engine's default (true on Podman, no such thing
     * on Docker).
     */
    public Builder readOnlyTmpfs(Boolean v) {
      readOnlyTmpfs = v;
      return this;
    }

    /**
     * The lab run this container belongs to (its {@code io.containercodes.lab.run} label): the
     * containers of one run share it, so a {@code container:NAME} join within the run is told from
     * a join of someone else's container. Null gives the container a run of its own. Set by the
     * lab, never by a line: the line's own labels cannot name a run.
     */
    public Builder runId(String v) {
      runId = v;
      return this;
    }

    /**
     * The container's name on the engine, which the lab chooses (a demo's helper, so that a step's
     * {@code container:HELPER} join can name it before it starts); null lets the engine choose. A
     * line's own {@code --name} never sets it: it is kept as a label.
     */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /** A volume of the lab's own; see {@link VolumeMount}. */
    public Builder volume(VolumeMount v) {
      volumes.add(v);
      return this;
    }

    public RunSpec build() {
      return new RunSpec(
          image,
          command,
          entrypoint,
          env,
          workdir,
          user,
          hostname,
          memoryBytes,
          memorySwapBytes,
          nanoCpus,
          pidsLimit,
          ulimits,
          network,
          readOnlyRoot,
          tmpfs,
          binds,
          devices,
          capDrop,
          capAdd,
          securityOpts,
          init,
          privileged,
          pidMode,
          ipcMode,
          utsMode,
          userns,
          labels,
          timeout,
          networkAliases,
          captureChanges,
          captureEvents,
          consent,
          publish,
          restartPolicy,
          healthCmd,
          cgroupParent,
          cpuShares,
          readOnlyTmpfs,
          runId,
          name,
          volumes);
    }
  }
}
