package io.containercodes.lab.engine;

import java.util.List;

/**
 * How the engine says it configured a container, read from inspect after the run and put in plain,
 * engine-neutral terms: Podman and Docker spell modes, mounts and defaults differently, and the
 * audit must judge the same configuration the same way on both.
 *
 * @param networkMode "none", "host", "bridge" (the engine's default network) or a network name
 * @param pidMode "host", or "" for a private namespace; likewise {@code ipcMode}, {@code utsMode}
 * @param usernsMode "host", "" or the engine's user namespace mode
 * @param mounts what the engine reports it mounted (binds and volumes; not tmpfs)
 * @param devices host device paths added to the container
 * @param memoryBytes the memory limit, null when none (0 is normalised to null)
 * @param pidsLimit the pids limit, null when none (0 and -1 are normalised to null)
 * @param nanoCpus CPU limit in billionths of a CPU, from NanoCpus or quota/period, null when none
 * @param portBindings published ports as the engine bound them, "HOST_IP:HOST_PORT->PORT/PROTOCOL"
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
    List<String> portBindings) {

  public ContainerFacts {
    mounts = List.copyOf(mounts);
    devices = List.copyOf(devices);
    securityOpts = List.copyOf(securityOpts);
    portBindings = portBindings == null ? List.of() : List.copyOf(portBindings);
  }

  /** Without port bindings, as before they were read. */
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
        List.of());
  }

  /** A mount as the engine reports it; {@code propagation} is "" when the engine says nothing. */
  public record Mount(String source, String destination, boolean writable, String propagation) {}
}
