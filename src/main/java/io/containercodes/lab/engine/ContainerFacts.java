package io.containercodes.lab.engine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How the engine says it configured a container, read from inspect after the run and put in plain,
 * engine-neutral terms: Podman and Docker spell modes, mounts and defaults differently, and a
 * verdict must judge the same configuration the same way on both. This is the engine's record, not
 * the line: a value the engine filled in itself (Podman's pids limit of 2048, the swap both engines
 * add beside a memory limit, Podman's tmpfs under {@code --read-only}) is here like any other, and
 * who asked for it is for the caller to tell from the line as written.
 *
 * @param networkMode "none", "host", "container:…", "bridge" (the engine's default network) or the
 *     name of the one network joined; Podman's compat inspect says "bridge" for any named network,
 *     so the name comes from the networks joined
 * @param pidMode "host", or "" for a private namespace; likewise {@code ipcMode}, {@code utsMode}
 * @param usernsMode "host", "" or the engine's user namespace mode
 * @param mounts what the engine reports it mounted (binds and volumes; tmpfs are in {@code tmpfs})
 * @param devices host device paths added to the container
 * @param memoryBytes the memory limit, null when none (0 is normalised to null)
 * @param pidsLimit the pids limit, null when none (0 and -1 are normalised to null)
 * @param nanoCpus CPU limit in billionths of a CPU, from NanoCpus or quota/period, null when none
 * @param portBindings published ports as the engine bound them, "HOST_IP:HOST_PORT->PORT/PROTOCOL"
 * @param user the user the engine was told to run as ("" for the image's default, root in the lab's
 *     images)
 * @param capabilities capabilities as recorded, and the bounding set where it is known
 * @param memorySwapBytes memory plus swap the engine allows, null when it records no such limit;
 *     both engines record twice the memory limit when the line sets --memory without --memory-swap,
 *     and Podman 4.3's compat API records (and applies) that too for --memory-swap -1
 * @param swapUnlimited the engine records no ceiling on swap (Docker's -1)
 * @param networks the networks the container joined, with whether each is internal
 * @param seccomp the seccomp profile the engine applied
 * @param noNewPrivileges the engine sets no_new_privs for the container's processes
 * @param tmpfs tmpfs mounts as recorded, the engine's own included (Podman's /run, /tmp and
 *     /var/tmp under --read-only)
 * @param engine the engine that made the record; null when not known
 */
public record ContainerFacts(
    boolean privileged,
    String networkMode,
    String pidMode,
    String ipcMode,
    String utsMode,
    String usernsMode,
    boolean readOnlyRoot,
    List<Mount> mounts,
    List<String> devices,
    Long memoryBytes,
    Long pidsLimit,
    Long nanoCpus,
    List<String> securityOpts,
    List<String> portBindings,
    String user,
    Capabilities capabilities,
    Long memorySwapBytes,
    boolean swapUnlimited,
    List<JoinedNetwork> networks,
    Seccomp seccomp,
    boolean noNewPrivileges,
    List<TmpfsMount> tmpfs,
    EngineKind engine) {

  public ContainerFacts {
    mounts = List.copyOf(mounts);
    devices = List.copyOf(devices);
    securityOpts = List.copyOf(securityOpts);
    portBindings = portBindings == null ? List.of() : List.copyOf(portBindings);
    user = user == null ? "" : user;
    capabilities = capabilities == null ? Capabilities.UNKNOWN : capabilities;
    networks = networks == null ? List.of() : List.copyOf(networks);
    seccomp = seccomp == null ? Seccomp.fromSecurityOpts(securityOpts, privileged) : seccomp;
    tmpfs = tmpfs == null ? List.of() : List.copyOf(tmpfs);
  }

  /** This record with another network mode (a swarm's run-own network read as the line's). */
  ContainerFacts withNetworkMode(String mode) {
    return new ContainerFacts(
        privileged,
        mode,
        pidMode,
        ipcMode,
        utsMode,
        usernsMode,
        readOnlyRoot,
        mounts,
        devices,
        memoryBytes,
        pidsLimit,
        nanoCpus,
        securityOpts,
        portBindings,
        user,
        capabilities,
        memorySwapBytes,
        swapUnlimited,
        networks,
        seccomp,
        noNewPrivileges,
        tmpfs,
        engine);
  }

  /** This record with more mounts (a swarm's configs read as the binds the line wrote). */
  ContainerFacts withMounts(List<Mount> more) {
    List<Mount> all = new java.util.ArrayList<>(mounts);
    all.addAll(more);
    return new ContainerFacts(
        privileged,
        networkMode,
        pidMode,
        ipcMode,
        utsMode,
        usernsMode,
        readOnlyRoot,
        all,
        devices,
        memoryBytes,
        pidsLimit,
        nanoCpus,
        securityOpts,
        portBindings,
        user,
        capabilities,
        memorySwapBytes,
        swapUnlimited,
        networks,
        seccomp,
        noNewPrivileges,
        tmpfs,
        engine);
  }

  /**
   * What "no network" was for this container, for a verdict's sentence: loopback alone, or (on a
   * swarm, where a task cannot be without one) an internal network of the run's own.
   */
  public String noNetworkText() {
    return networks.stream().anyMatch(n -> !n.name().equals("none"))
        ? "no network but loopback and an internal network of the run's own that nothing else"
            + " joins (a swarm task's nearest to none)"
        : "no network but loopback";
  }

  /** Without port bindings and the later facts, as the audit's fixtures build it. */
  public ContainerFacts(
      boolean privileged,
      String networkMode,
      String pidMode,
      String ipcMode,
      String utsMode,
      String usernsMode,
      boolean readOnlyRoot,
      List<Mount> mounts,
      List<String> devices,
      Long memoryBytes,
      Long pidsLimit,
      Long nanoCpus,
      List<String> securityOpts) {
    this(
        privileged,
        networkMode,
        pidMode,
        ipcMode,
        utsMode,
        usernsMode,
        readOnlyRoot,
        mounts,
        devices,
        memoryBytes,
        pidsLimit,
        nanoCpus,
        securityOpts,
        List.of(),
        "",
        null,
        null,
        false,
        null,
        null,
        securityOpts.stream().anyMatch(ContainerFacts::isNoNewPrivileges),
        null,
        null);
  }

  /** The user is root: none given (the lab's images default to root), "root", "0" or "0:…". */
  public boolean userIsRoot() {
    String u = user.strip();
    String name = u.contains(":") ? u.substring(0, u.indexOf(':')) : u;
    return name.isEmpty() || name.equals("root") || name.equals("0");
  }

  /**
   * Swap the engine allows beyond the memory limit: 0 when memory and swap are one ceiling, empty
   * when there is no memory limit or swap is unlimited.
   */
  public Optional<Long> swapBeyondMemory() {
    if (memoryBytes == null || swapUnlimited) {
      return Optional.empty();
    }
    return Optional.of(memorySwapBytes == null ? 0L : Math.max(0L, memorySwapBytes - memoryBytes));
  }

  /**
   * Podman's --read-only-tmpfs as it applied: under --read-only, Podman's compat API mounts a
   * writable tmpfs on /run, /tmp and /var/tmp (ReadOnlyTmpFS is hard-wired to true there), unless
   * the lab made them read-only for a line with --read-only-tmpfs=false. Judged on /run and
   * /var/tmp, which lines rarely mount themselves. Empty on Docker (which has no such thing) and
   * without --read-only.
   */
  public Optional<Boolean> readOnlyTmpfs() {
    if (engine != EngineKind.PODMAN || !readOnlyRoot) {
      return Optional.empty();
    }
    return Optional.of(
        tmpfsAt("/run").map(TmpfsMount::writable).orElse(false)
            && tmpfsAt("/var/tmp").map(TmpfsMount::writable).orElse(false));
  }

  /** The tmpfs mounted at exactly {@code path}, if any. */
  public Optional<TmpfsMount> tmpfsAt(String path) {
    return tmpfs.stream().filter(t -> t.path().equals(path)).findFirst();
  }

  /** "no-new-privileges", "no-new-privileges:true" and "no-new-privileges=true" all say yes. */
  static boolean isNoNewPrivileges(String opt) {
    String o = opt.strip().toLowerCase(Locale.ROOT);
    return o.equals("no-new-privileges")
        || o.equals("no-new-privileges:true")
        || o.equals("no-new-privileges=true");
  }

  /**
   * A mount as the engine reports it; {@code propagation} is "" when the engine says nothing.
   *
   * @param type "bind" or "volume"
   * @param name the volume's name; "" for a bind
   */
  public record Mount(
      String source,
      String destination,
      boolean writable,
      String propagation,
      String type,
      String name) {
    public Mount {
      type = type == null || type.isEmpty() ? "bind" : type;
      name = name == null ? "" : name;
    }

    /** A bind mount, as the audit's fixtures build it. */
    public Mount(String source, String destination, boolean writable, String propagation) {
      this(source, destination, writable, propagation, "bind", "");
    }

    /** The container sees {@code path} through this mount: at or below its destination. */
    public boolean covers(String path) {
      return ContainerFacts.covers(destination, path);
    }
  }

  /**
   * A tmpfs as recorded, with the engine's options ({@code rw,noexec,nosuid,size=8m,…}).
   *
   * @param options the comma list split, in the engine's order
   */
  public record TmpfsMount(String path, List<String> options) {
    public TmpfsMount {
      options = List.copyOf(options);
    }

    public static TmpfsMount of(String path, String commaList) {
      return new TmpfsMount(
          path,
          commaList == null || commaList.isBlank()
              ? List.of()
              : List.of(commaList.strip().split("\\s*,\\s*")));
    }

    /** A tmpfs is writable unless its options say {@code ro}. */
    public boolean writable() {
      return !options.contains("ro");
    }

    public boolean noexec() {
      return options.contains("noexec");
    }

    public boolean covers(String p) {
      return ContainerFacts.covers(path, p);
    }
  }

  /** {@code mountPoint} is {@code path} or one of its parents. */
  static boolean covers(String mountPoint, String path) {
    String m =
        mountPoint.endsWith("/") && mountPoint.length() > 1
            ? mountPoint.substring(0, mountPoint.length() - 1)
            : mountPoint;
    return path.equals(m) || m.equals("/") || path.startsWith(m + "/");
  }

  /**
   * A network the container joined.
   *
   * @param internal the engine's record of the network says it has no route out of the machine;
   *     null when the lab could not ask
   */
  public record JoinedNetwork(String name, Boolean internal) {}

  /**
   * Capabilities as the engine recorded them. Docker keeps the line's {@code --cap-add} and {@code
   * --cap-drop} ("ALL" included); Podman's compat inspect records them relative to its default set
   * (every default the container lacks is "dropped", nothing is "ALL").
   *
   * @param added upper case, without the CAP_ prefix
   * @param dropped likewise
   * @param bounding the bounding set the container's processes start with; null when unknown
   * @param boundingSource where {@code bounding} comes from, in words
   */
  public record Capabilities(
      List<String> added, List<String> dropped, Set<String> bounding, String boundingSource) {
    static final Capabilities UNKNOWN = new Capabilities(List.of(), List.of(), null, "unknown");

    public Capabilities {
      added = List.copyOf(added);
      dropped = List.copyOf(dropped);
      bounding = bounding == null ? null : Set.copyOf(bounding);
    }

    public Optional<Set<String>> boundingSet() {
      return Optional.ofNullable(bounding);
    }
  }

  /**
   * The seccomp profile the engine applied.
   *
   * @param profile for {@link Kind#CUSTOM}: the profile's JSON (Docker stores the text the client
   *     sent) or its path (Podman stores the path it read when creating the container); null
   *     otherwise
   */
  public record Seccomp(Kind kind, String profile) {
    public enum Kind {
      /** The engine's own default profile (where the host has seccomp at all). */
      DEFAULT,
      /** No filter: {@code seccomp=unconfined} or {@code --privileged}. */
      UNCONFINED,
      /** A profile the line gave. */
      CUSTOM
    }

    /** A custom profile the engine stored as JSON text (Docker), not as a path (Podman). */
    public boolean profileIsJson() {
      return profile != null && profile.strip().startsWith("{");
    }

    /** What {@code --security-opt seccomp=…} options (and --privileged) amount to. */
    public static Seccomp fromSecurityOpts(List<String> securityOpts, boolean privileged) {
      if (privileged) {
        return new Seccomp(Kind.UNCONFINED, null);
      }
      for (String opt : securityOpts) {
        String o = opt.strip();
        int sep = o.indexOf('=') >= 0 ? o.indexOf('=') : o.indexOf(':');
        if (sep > 0 && o.substring(0, sep).equals("seccomp")) {
          String value = o.substring(sep + 1);
          return value.equals("unconfined")
              ? new Seccomp(Kind.UNCONFINED, null)
              : new Seccomp(Kind.CUSTOM, value);
        }
      }
      return new Seccomp(Kind.DEFAULT, null);
    }
  }
}
