package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.containercodes.lab.engine.EngineFacts.Topic;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Docker Engine's facts from {@code GET /info}. Docker names a rootless daemon in SecurityOptions
 * ({@code name=rootless}, moby daemon/info.go), and its MemoryLimit, SwapLimit, PidsLimit and
 * CpuCfsQuota come from the cgroups the daemon itself can use (moby pkg/sysinfo; on cgroup v2 from
 * the daemon's own delegated group). A rootless daemon without cgroup v2 runs with the cgroup
 * driver "none" (moby daemon_unix.go, {@code cgroupDriver}): no limit acts there, whatever the
 * booleans say.
 */
final class DockerInfoFacts {
  static final String SOURCE = "GET /info";

  private DockerInfoFacts() {}

  static EngineFacts from(
      JsonNode info, EngineKind kind, String version, String api, EngineEndpoint endpoint) {
    List<String> options = new ArrayList<>();
    info.path("SecurityOptions").forEach(o -> options.add(o.asText()));
    String optionsSource = SOURCE + " SecurityOptions " + options;
    Map<Topic, Fact> facts = new EnumMap<>(Topic.class);
    facts.put(Topic.ROOTLESS, Fact.of(has(options, "rootless"), optionsSource, ""));
    facts.put(Topic.SECCOMP, Fact.of(has(options, "seccomp"), optionsSource, ""));
    facts.put(Topic.APPARMOR, Fact.of(has(options, "apparmor"), optionsSource, ""));
    facts.put(Topic.SELINUX, Fact.of(has(options, "selinux"), optionsSource, ""));
    String driver = text(info.path("CgroupDriver"));
    if ("none".equals(driver)) {
      String source = SOURCE + " CgroupDriver none";
      String detail = "the daemon runs its containers without cgroups";
      for (Topic t :
          List.of(Topic.MEMORY_LIMIT, Topic.SWAP_LIMIT, Topic.PIDS_LIMIT, Topic.CPU_LIMIT)) {
        facts.put(t, Fact.no(source, detail));
      }
    } else {
      facts.put(Topic.MEMORY_LIMIT, bool(info, "MemoryLimit"));
      facts.put(Topic.SWAP_LIMIT, bool(info, "SwapLimit"));
      facts.put(Topic.PIDS_LIMIT, bool(info, "PidsLimit"));
      facts.put(Topic.CPU_LIMIT, bool(info, "CpuCfsQuota"));
    }
    return new EngineFacts(
        kind,
        version,
        api,
        endpoint,
        facts,
        text(info.path("CgroupVersion")),
        driver,
        null,
        text(info.path("DefaultRuntime")),
        text(info.path("OperatingSystem")),
        text(info.path("KernelVersion")),
        null,
        text(info.path("DockerRootDir")));
  }

  private static Fact bool(JsonNode info, String field) {
    JsonNode v = info.get(field);
    if (v == null || !v.isBoolean()) {
      return Fact.unknown(SOURCE + " has no " + field);
    }
    return Fact.of(v.asBoolean(), SOURCE + " " + field, "");
  }

  private static boolean has(List<String> options, String name) {
    return options.stream()
        .anyMatch(o -> o.equals("name=" + name) || o.startsWith("name=" + name + ","));
  }

  private static String text(JsonNode n) {
    return n.isValueNode() && !n.asText().isBlank() ? n.asText() : null;
  }
}
