package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.engine.EngineFacts.Topic;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Podman's facts from its own info ({@code GET /libpod/info}), not the compat {@code /info}: the
 * compat answer never names a rootless engine and reports MemoryLimit, PidsLimit and CpuCfsQuota
 * true where rootless Podman on cgroup v1 ignores them (measured here: a 64 MiB limit, a peak of
 * 3.2 GiB). libpod's {@code host.cgroupControllers} lists the controllers Podman can put its
 * containers under — every mounted one for root, none for rootless on cgroup v1, the ones systemd
 * delegated to the user on cgroup v2 (containers/common pkg/cgroups, {@code
 * GetAvailableControllers}) — so a limit acts exactly when its controller is listed.
 */
final class LibpodInfoFacts {
  static final String SOURCE = "GET /libpod/info";

  private LibpodInfoFacts() {}

  static EngineFacts from(
      JsonNode info, EngineKind kind, String version, String api, EngineEndpoint endpoint) {
    JsonNode host = info.path("host");
    JsonNode security = host.path("security");
    Map<Topic, Fact> facts = new EnumMap<>(Topic.class);
    facts.put(Topic.ROOTLESS, flag(security, "rootless", "host.security.rootless"));
    facts.put(Topic.SECCOMP, flag(security, "seccompEnabled", "host.security.seccompEnabled"));
    facts.put(Topic.APPARMOR, flag(security, "apparmorEnabled", "host.security.apparmorEnabled"));
    facts.put(Topic.SELINUX, flag(security, "selinuxEnabled", "host.security.selinuxEnabled"));
    List<String> controllers = controllers(host.path("cgroupControllers"));
    facts.putAll(limits(controllers));
    String cgroup = host.path("cgroupVersion").asText("");
    return new EngineFacts(
        kind,
        version,
        api,
        endpoint,
        facts,
        cgroup.isEmpty() ? null : cgroup.replaceFirst("^v", ""),
        text(host.path("cgroupManager")),
        controllers,
        text(host.path("ociRuntime").path("name")),
        distribution(host.path("distribution")),
        text(host.path("kernel")),
        text(host.path("remoteSocket").path("path")),
        text(info.path("store").path("graphRoot")));
  }

  /** Each limit's fact from the controller it needs; all unknown when Podman lists none at all. */
  static Map<Topic, Fact> limits(List<String> controllers) {
    Map<Topic, Fact> facts = new EnumMap<>(Topic.class);
    if (controllers == null) {
      String why = SOURCE + " lists no host.cgroupControllers";
      facts.put(Topic.MEMORY_LIMIT, Fact.unknown(why));
      facts.put(Topic.PIDS_LIMIT, Fact.unknown(why));
      facts.put(Topic.CPU_LIMIT, Fact.unknown(why));
      facts.put(Topic.SWAP_LIMIT, Fact.unknown(why));
      return facts;
    }
    String source = SOURCE + " host.cgroupControllers";
    facts.put(Topic.MEMORY_LIMIT, controller(controllers, "memory", source));
    facts.put(Topic.PIDS_LIMIT, controller(controllers, "pids", source));
    facts.put(Topic.CPU_LIMIT, controller(controllers, "cpu", source));
    // libpod does not report swap accounting (memory.memsw on cgroup v1): without the memory
    // controller there is certainly none, with it the lab does not know
    facts.put(
        Topic.SWAP_LIMIT,
        controllers.contains("memory")
            ? Fact.unknown(SOURCE + " does not report swap accounting")
            : Fact.no(source, "no memory controller, so no swap limit either"));
    return facts;
  }

  private static Fact controller(List<String> controllers, String name, String source) {
    return controllers.contains(name)
        ? Fact.yes(source, "the " + name + " controller is among " + controllers)
        : Fact.no(source, "the " + name + " controller is not among " + controllers);
  }

  private static List<String> controllers(JsonNode node) {
    if (!node.isArray()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    node.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static Fact flag(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isBoolean()) {
      return Fact.unknown(SOURCE + " has no " + path);
    }
    return Fact.of(v.asBoolean(), SOURCE + " " + path, "");
  }

  private static String distribution(JsonNode d) {
    String name = text(d.path("distribution"));
    String version = text(d.path("version"));
    return name == null ? null : version == null ? name : name + " " + version;
  }

  private static String text(JsonNode n) {
    return n.isValueNode() && !n.asText().isBlank() ? n.asText() : null;
  }
}
