package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.EngineCannot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one table from an admitted run's fields to a Docker Swarm service (Engine API 1.44, whose
 * ContainerSpec has Privileges.Seccomp, Privileges.AppArmor and Privileges.NoNewPrivileges since
 * Docker 25), with the Kubernetes field beside each for when a cluster is obtainable. A field a
 * swarm cannot express is refused or skipped with its sentence, never approximated silently: the
 * {@link SwarmRunner} builds every service from these rows, and docs/swarm.md is rendered from them
 * ({@link #markdown}), so the code and the page cannot say different things.
 */
final class SwarmMapping {
  private SwarmMapping() {}

  /** What becomes of a run field on a swarm. */
  enum Verdict {
    /** Set in the service's spec. */
    MAPPED,
    /** The run is refused with the row's sentence. */
    REFUSED,
    /** Run without it; the row's sentence is shown with the run's output. */
    SKIPPED
  }

  /** The parts of the service's JSON a row writes to. */
  record Target(
      ObjectNode container, ObjectNode limits, ObjectNode privileges, ArrayNode networks) {}

  /** Writes a used field into the service's spec. */
  interface Apply {
    void to(RunSpec spec, Target target);
  }

  /**
   * One run field.
   *
   * @param sentence for a refused or skipped row, what a swarm cannot do and why; for a mapped row,
   *     the refusal of a value the field cannot take (null when every value maps)
   */
  record Row(
      String runField,
      String swarmField,
      String kubernetesField,
      Verdict verdict,
      String sentence,
      Predicate<RunSpec> used,
      Apply apply) {}

  private static final Apply NOTHING = (s, t) -> {};

  private static final String CHANGES_UNREAD =
      "the changes a task made to its files are not read on a swarm (its container may be on"
          + " another node)";
  private static final String EVENTS_UNREAD =
      "the engine's events of a task's container are not read on a swarm (its container may be on"
          + " another node)";

  private static final String NODE_RECORD_UNREAD =
      "the task ran on another node than the manager, whose record of its container (and of an OOM"
          + " kill) the lab cannot read there, so whether the OOM killer ended it is unknown";

  private static final String NAMED_NETWORK = "--network NAME, --network-alias";
  private static final String NOT_OURS =
      "the network is not one the lab made for this run on the swarm: a swarm task joins overlay"
          + " networks only, and a run joins no network of another run (another learner's)";
  private static final String NETWORK_VIEW =
      "a '--network none' task has an eth0 on an internal network of the run's own besides lo (a"
          + " swarm task cannot be without a network), so what the workload prints of its network"
          + " is not what a check written for --network expects; the canary and the engine's record"
          + " still judge the run";

  static final List<Row> ROWS =
      List.of(
          mapped(
              "image", "ContainerSpec.Image", "containers[].image", s -> true, SwarmMapping::image),
          mapped(
              "command, --entrypoint",
              "ContainerSpec.Command (entrypoint), ContainerSpec.Args (command)",
              "containers[].command, containers[].args",
              s -> true,
              SwarmMapping::command),
          mapped(
              "-e/--env",
              "ContainerSpec.Env",
              "containers[].env",
              s -> !s.env().isEmpty(),
              SwarmMapping::env),
          mapped(
              "-w/--workdir",
              "ContainerSpec.Dir",
              "containers[].workingDir",
              s -> s.workdir() != null,
              (s, t) -> t.container().put("Dir", s.workdir())),
          mapped(
              "-u/--user",
              "ContainerSpec.User",
              "securityContext.runAsUser/runAsGroup",
              s -> s.user() != null,
              (s, t) -> t.container().put("User", s.user())),
          mapped(
              "--hostname",
              "ContainerSpec.Hostname",
              "pod hostname",
              s -> s.hostname() != null,
              (s, t) -> t.container().put("Hostname", s.hostname())),
          mapped(
              "--read-only",
              "ContainerSpec.ReadOnly",
              "securityContext.readOnlyRootFilesystem",
              RunSpec::readOnlyRoot,
              (s, t) -> t.container().put("ReadOnly", true)),
          mapped(
              "--cap-drop",
              "ContainerSpec.CapabilityDrop",
              "securityContext.capabilities.drop",
              s -> !s.capDrop().isEmpty(),
              (s, t) -> strings(t.container(), "CapabilityDrop", s.capDrop())),
          mapped(
              "--cap-add",
              "ContainerSpec.CapabilityAdd",
              "securityContext.capabilities.add",
              s -> !s.capAdd().isEmpty(),
              (s, t) -> strings(t.container(), "CapabilityAdd", s.capAdd())),
          mapped(
              "--security-opt no-new-privileges",
              "ContainerSpec.Privileges.NoNewPrivileges",
              "securityContext.allowPrivilegeEscalation: false",
              s -> s.securityOpts().stream().anyMatch(ContainerFacts::isNoNewPrivileges),
              (s, t) -> t.privileges().put("NoNewPrivileges", true)),
          new Row(
              "--security-opt seccomp=unconfined|PROFILE (none: the engine's default)",
              "ContainerSpec.Privileges.Seccomp (Mode unconfined, or custom with the profile's"
                  + " bytes; none: default)",
              "securityContext.seccompProfile (RuntimeDefault, Unconfined, Localhost)",
              Verdict.MAPPED,
              null,
              s -> option(s, "seccomp=") != null,
              SwarmMapping::seccomp),
          new Row(
              "--security-opt apparmor=docker-default|unconfined",
              "ContainerSpec.Privileges.AppArmor (Mode default or disabled)",
              "securityContext.appArmorProfile (RuntimeDefault, Unconfined, Localhost)",
              Verdict.MAPPED,
              "a swarm service takes only the engine's default AppArmor profile or none (Engine API"
                  + " 1.44 AppArmorOpts has no profile name), so a named profile cannot be asked"
                  + " for",
              s -> option(s, "apparmor=") != null,
              SwarmMapping::apparmor),
          refused(
              "--security-opt label=…, systempaths=…, mask=…, unmask=…, other options",
              "securityContext.seLinuxOptions, procMount",
              "a swarm service's ContainerSpec has no field for this security option (Engine API"
                  + " 1.44), so the task would run without it",
              SwarmMapping::otherSecurityOpt),
          mapped(
              "-m/--memory",
              "Resources.Limits.MemoryBytes",
              "resources.limits.memory",
              s -> s.memoryBytes() != null,
              (s, t) -> t.limits().put("MemoryBytes", s.memoryBytes())),
          skipped(
              "--memory-swap",
              "(none: swap is the node's; no field in a pod spec)",
              "a swarm service has no swap limit: the task may also use swap where its node has"
                  + " some, as much again as its memory limit (Docker's default for a memory"
                  + " limit)",
              s -> s.memorySwapBytes() != null),
          mapped(
              "--cpus",
              "Resources.Limits.NanoCPUs",
              "resources.limits.cpu",
              s -> s.nanoCpus() != null,
              (s, t) -> t.limits().put("NanoCPUs", s.nanoCpus())),
          mapped(
              "--pids-limit",
              "Resources.Limits.Pids",
              "kubelet podPidsLimit (per node, not per pod)",
              s -> s.pidsLimit() != null,
              (s, t) -> t.limits().put("Pids", s.pidsLimit())),
          mapped(
              "--ulimit",
              "ContainerSpec.Ulimits",
              "(none: the node's limits)",
              s -> !s.ulimits().isEmpty(),
              SwarmMapping::ulimits),
          mapped(
              "--init",
              "ContainerSpec.Init",
              "shareProcessNamespace (a pause process as PID 1)",
              RunSpec::init,
              (s, t) -> t.container().put("Init", true)),
          new Row(
              "--network none",
              "TaskTemplate.Networks: an overlay network of the run's own, Internal and not"
                  + " attachable, that no other service joins (a task cannot be left without a"
                  + " network)",
              "NetworkPolicy denying all egress and ingress",
              Verdict.MAPPED,
              null,
              SwarmMapping::isolated,
              NOTHING),
          new Row(
              NAMED_NETWORK,
              "TaskTemplate.Networks (Target: an overlay network the lab made for this demo run,"
                  + " Internal where the demo's is, not attachable; Aliases)",
              "a NetworkPolicy per learner",
              Verdict.MAPPED,
              NOT_OURS,
              s -> namedNetwork(s.network()) || !s.networkAliases().isEmpty(),
              SwarmMapping::network),
          new Row(
              "-v/--volume HOST:PATH:ro of the lab's own folders (a demo's files and scripts, the"
                  + " exercise's scratch copy)",
              "ContainerSpec.Configs: a config per file at its path, with its mode and owner, made"
                  + " (labelled, named after the service) before the service and removed after it",
              "a ConfigMap per folder, mounted read-only",
              Verdict.MAPPED,
              SwarmFiles.LIMITS,
              s -> false, // SwarmFiles takes these binds out of the run before the rows judge it
              NOTHING),
          refused(
              "-v/--volume HOST:PATH of another folder, or writable; a socket; the lab's volumes",
              "a PersistentVolumeClaim",
              "a host path names a folder on whichever node runs the task, not the lab's machine,"
                  + " and a config is read-only: only the lab's own folders travel, read-only, so"
                  + " a learner's folder and a writable mount (whose changes could not come back"
                  + " from another node) are refused",
              s -> !s.binds().isEmpty() || !s.volumes().isEmpty()),
          new Row(
              "--tmpfs PATH[:size=…,mode=…]",
              "ContainerSpec.Mounts (Type tmpfs, TmpfsOptions SizeBytes and Mode)",
              "emptyDir with medium Memory and sizeLimit",
              Verdict.MAPPED,
              SwarmTmpfs.LIMITS,
              s -> !s.tmpfs().isEmpty(),
              SwarmTmpfs::apply),
          refused(
              "--read-only-tmpfs",
              "(none)",
              "a swarm service has no read-only-tmpfs switch (a Podman option): its tmpfs mounts"
                  + " are only those the run asks for",
              s -> Boolean.TRUE.equals(s.readOnlyTmpfs())),
          refused(
              "-p/--publish",
              "Service with a ClusterIP",
              "a port published by a swarm service opens on every node's ingress network, not on"
                  + " the lab machine's loopback",
              s -> !s.publish().isEmpty()),
          refused(
              "--privileged",
              "securityContext.privileged",
              "a swarm service cannot be privileged (no field in ContainerSpec)",
              RunSpec::privileged),
          refused(
              "--device",
              "a device plugin",
              "a device names a file on whichever node runs the task",
              s -> !s.devices().isEmpty()),
          refused(
              "--pid, --ipc, --uts, --userns",
              "hostPID, hostIPC (no userns but hostUsers)",
              "a swarm service cannot share a namespace with the node or another container",
              s ->
                  s.pidMode() != null
                      || s.ipcMode() != null
                      || s.utsMode() != null
                      || s.userns() != null),
          refused(
              "--cgroup-parent, --cpu-shares",
              "resources.requests.cpu",
              "a swarm service has no cgroup parent or CPU shares (only limits and reservations)",
              s -> s.cgroupParent() != null || s.cpuShares() != null),
          refused(
              "--restart",
              "restartPolicy",
              "a lab run on a swarm is a one-shot job whose restart condition is none",
              s -> s.restartPolicy() != null && !"no".equals(s.restartPolicy())),
          mapped(
              "--health-cmd",
              "ContainerSpec.Healthcheck (CMD-SHELL)",
              "livenessProbe.exec",
              s -> s.healthCmd() != null,
              SwarmMapping::health),
          mapped(
              "labels",
              "Service Labels, ContainerSpec.Labels",
              "metadata.labels",
              s -> true,
              NOTHING),
          skipped(
              "file changes (the lab's diff)",
              "(none)",
              CHANGES_UNREAD + ": the run shows none, and a check that reads them is skipped",
              RunSpec::captureChanges),
          skipped(
              "events (the lab's event log)",
              "(none)",
              EVENTS_UNREAD + ": a check that reads them is skipped",
              RunSpec::captureEvents));

  /** Why a swarm gives no record of {@code what} (a sentence without its full stop). */
  static String unrecorded(Engine.RunRecord what) {
    return switch (what) {
      case FILE_CHANGES -> CHANGES_UNREAD;
      case EVENTS -> EVENTS_UNREAD;
      case NODE_RECORD -> NODE_RECORD_UNREAD;
      case NETWORK_VIEW -> NETWORK_VIEW;
    };
  }

  /**
   * Why a swarm did not keep, for a run written as {@code line}, what a check judges by {@code key}
   * (a sentence without its full stop), or null: the swap limit of a line that set a finite one (no
   * swap limit on a service; a line's unlimited swap, -1, allows swap as the task has, and is
   * judged), and the interfaces of a line with no network (a task always has one).
   */
  static String unkept(String key, RunSpec line) {
    if (key.equals("swap") && line.memorySwapBytes() != null && line.memorySwapBytes() > 0) {
      return ROWS.stream()
          .filter(r -> r.runField().equals("--memory-swap"))
          .findFirst()
          .get()
          .sentence();
    }
    if (key.equals("net_ifaces") && isolated(line)) {
      return "a swarm task cannot be without a network: with --network none it has an interface on"
          + " an internal network of the run's own beside loopback, so what the probe sees of its"
          + " interfaces is not what the line asked for";
    }
    return null;
  }

  private static Row mapped(
      String run, String swarm, String kubernetes, Predicate<RunSpec> used, Apply apply) {
    return new Row(run, swarm, kubernetes, Verdict.MAPPED, null, used, apply);
  }

  private static Row refused(
      String run, String kubernetes, String sentence, Predicate<RunSpec> used) {
    return new Row(run, "(none)", kubernetes, Verdict.REFUSED, sentence, used, NOTHING);
  }

  private static Row skipped(
      String run, String kubernetes, String sentence, Predicate<RunSpec> used) {
    return new Row(run, "(none)", kubernetes, Verdict.SKIPPED, sentence, used, NOTHING);
  }

  /** A refusal of one row: the run does not start. */
  static EngineCannot refusal(Row row) {
    return refusal(row.runField(), row.sentence());
  }

  static EngineCannot refusal(String field, String sentence) {
    return new EngineCannot(
        "A swarm cannot run this: " + field + ": " + sentence + ".",
        "Run it without " + field + ", or on a single engine (unset CCLAB_CLUSTER).");
  }

  /**
   * The service's TaskTemplate.ContainerSpec and Resources for {@code spec}, with the sentences of
   * the skipped fields it uses.
   *
   * @throws EngineCannot for the first refused field the spec uses
   */
  static Mapped map(RunSpec spec, Map<String, String> labels) {
    ObjectNode container = EngineClients.mapper().createObjectNode();
    ObjectNode limits = EngineClients.mapper().createObjectNode();
    ObjectNode privileges = container.putObject("Privileges");
    ArrayNode networks = EngineClients.mapper().createArrayNode();
    Target target = new Target(container, limits, privileges, networks);
    List<String> skipped = new ArrayList<>();
    for (Row row : ROWS) {
      if (!row.used().test(spec)) {
        continue;
      }
      switch (row.verdict()) {
        case REFUSED -> throw refusal(row);
        case SKIPPED -> skipped.add(row.runField() + ": " + row.sentence() + ".");
        case MAPPED -> row.apply().to(spec, target);
      }
    }
    ObjectNode labelNode = container.putObject("Labels");
    labels.forEach(labelNode::put);
    return new Mapped(container, limits, List.copyOf(skipped), isolated(spec), networks);
  }

  /**
   * A service's container spec and limits, and what was skipped (each a sentence).
   *
   * @param isolated the run asked for no network: the task gets a network of its own ({@link
   *     SwarmNetworks})
   * @param networks the TaskTemplate.Networks of a run on the demo's named networks (empty: none)
   */
  record Mapped(
      ObjectNode container,
      ObjectNode limits,
      List<String> skipped,
      boolean isolated,
      ArrayNode networks) {}

  /**
   * Refuses a run on a named network the lab did not make for a run on this swarm ({@code ours}
   * holds the names it made): a learner's line naming another run's network, or the manager's own
   * networks, would join what is not its run's.
   */
  static void requireOwnNetwork(RunSpec s, java.util.Set<String> ours) {
    if (namedNetwork(s.network()) && !ours.contains(s.network())) {
      throw refusal("--network " + s.network(), NOT_OURS);
    }
  }

  /**
   * A named network with its aliases: the name the demo run's network has, so the embedded DNS
   * answers an alias only on that one network (a helper's {@code canary} is no other run's).
   */
  private static void network(RunSpec s, Target t) {
    if (!namedNetwork(s.network())) {
      throw refusal(
          "--network-alias",
          "an alias names the run on a network the lab made for this run, and the run joins none");
    }
    ObjectNode joined = t.networks().addObject().put("Target", s.network());
    if (!s.networkAliases().isEmpty()) {
      strings(joined, "Aliases", s.networkAliases());
    }
  }

  /**
   * '--network none'. A swarm task always has an interface: the nearest a swarm keeps is a network
   * the run alone joins, with no gateway (Internal) and closed to plain containers (not
   * attachable). Measured on Docker 26.1: the task's eth0 has a /24 route and no default route, and
   * the embedded DNS names only the task's own service.
   */
  static boolean isolated(RunSpec s) {
    return "none".equals(s.network());
  }

  private static void image(RunSpec s, Target t) {
    t.container().put("Image", s.image());
  }

  private static void command(RunSpec s, Target t) {
    if (s.entrypoint() != null) {
      strings(t.container(), "Command", s.entrypoint());
    }
    if (!s.command().isEmpty()) {
      strings(t.container(), "Args", s.command());
    }
  }

  private static void env(RunSpec s, Target t) {
    ArrayNode env = t.container().putArray("Env");
    s.env().forEach((k, v) -> env.add(k + "=" + v));
  }

  private static void strings(ObjectNode node, String field, List<String> values) {
    ArrayNode array = node.putArray(field);
    values.forEach(array::add);
  }

  private static void ulimits(RunSpec s, Target t) {
    ArrayNode array = t.container().putArray("Ulimits");
    for (RunSpec.Ulimit u : s.ulimits()) {
      array.addObject().put("Name", u.name()).put("Soft", u.soft()).put("Hard", u.hard());
    }
  }

  private static void health(RunSpec s, Target t) {
    ArrayNode test = t.container().putObject("Healthcheck").putArray("Test");
    test.add("CMD-SHELL").add(s.healthCmd());
  }

  /** The value of the last security option that starts with {@code prefix}; null when none. */
  static String option(RunSpec s, String prefix) {
    String found = null;
    for (String o : s.securityOpts()) {
      if (o.strip().startsWith(prefix)) {
        found = o.strip().substring(prefix.length());
      }
    }
    return found;
  }

  private static boolean otherSecurityOpt(RunSpec s) {
    return s.securityOpts().stream()
        .map(String::strip)
        .anyMatch(
            o ->
                !ContainerFacts.isNoNewPrivileges(o)
                    && !o.startsWith("seccomp=")
                    && !o.startsWith("apparmor="));
  }

  private static boolean namedNetwork(String network) {
    return network != null
        && !network.equals("none")
        && !network.equals("bridge")
        && !network.equals("default");
  }

  private static void seccomp(RunSpec s, Target t) {
    String value = option(s, "seccomp=");
    ObjectNode seccomp = t.privileges().putObject("Seccomp");
    if (value.equals("unconfined")) {
      seccomp.put("Mode", "unconfined");
    } else {
      seccomp.put("Mode", "custom").put("Profile", profile(value));
    }
  }

  /** The profile's bytes, read once here (the admission judged this file); base64 in the JSON. */
  private static byte[] profile(String path) {
    try {
      return SecurityOptions.read(Path.of(path));
    } catch (IOException e) {
      throw refusal(
          "--security-opt seccomp=" + path, "the profile cannot be read: " + e.getMessage());
    }
  }

  private static void apparmor(RunSpec s, Target t) {
    String value = option(s, "apparmor=");
    String mode =
        switch (value) {
          case "unconfined" -> "disabled";
          case "docker-default", "default" -> "default";
          default -> null;
        };
    if (mode == null) {
      Row row = ROWS.stream().filter(r -> r.runField().contains("apparmor")).findFirst().get();
      throw refusal("--security-opt apparmor=" + value, row.sentence());
    }
    t.privileges().putObject("AppArmor").put("Mode", mode);
  }

  /** The table as docs/swarm.md shows it (a golden: SwarmMappingTest). */
  static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        "| run field | swarm service (Engine API 1.44) | Kubernetes (for a cluster) | on a"
            + " swarm |\n");
    out.append("|---|---|---|---|\n");
    for (Row row : ROWS) {
      out.append("| ")
          .append(cell(row.runField()))
          .append(" | ")
          .append(cell(row.swarmField()))
          .append(" | ")
          .append(cell(row.kubernetesField()))
          .append(" | ")
          .append(cell(verdictText(row)))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String verdictText(Row row) {
    return switch (row.verdict()) {
      case MAPPED -> row.sentence() == null ? "mapped" : "mapped; refused where " + row.sentence();
      case REFUSED -> "**refused**: " + row.sentence();
      case SKIPPED -> "*skipped, with this sentence*: " + row.sentence();
    };
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
