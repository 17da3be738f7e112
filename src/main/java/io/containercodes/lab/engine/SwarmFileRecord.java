package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine's record of a task whose binds travelled as configs ({@link SwarmFiles}), read as the
 * line wrote it: a task container's record lists no config among its mounts, so a check of what is
 * mounted ({@code not-mounted: $(pwd)/home}) would pass on a line that mounted the folder. Each
 * carried bind is added back as a read-only mount of its host folder when the engine's own spec of
 * the service holds a config at every one of its files' paths — the engine's record, not the lab's
 * plan, says the task had them.
 */
final class SwarmFileRecord {
  private SwarmFileRecord() {}

  /**
   * @param service the engine's answer to {@code GET /services/ID}
   */
  static ContainerFacts asWritten(ContainerFacts facts, JsonNode service, SwarmFiles.Plan plan) {
    if (facts == null || plan.carried().isEmpty()) {
      return facts;
    }
    Set<String> recorded = new HashSet<>();
    service
        .path("Spec")
        .path("TaskTemplate")
        .path("ContainerSpec")
        .path("Configs")
        .forEach(c -> recorded.add(c.path("File").path("Name").asText()));
    List<ContainerFacts.Mount> mounts = new ArrayList<>();
    for (RunSpec.BindMount b : plan.carried()) {
      List<String> targets =
          plan.files().stream()
              .map(SwarmFiles.File::target)
              .filter(t -> ContainerFacts.covers(b.containerPath(), t))
              .toList();
      if (recorded.containsAll(targets)) {
        String source = Guardrails.real(Path.of(b.hostPath())).toString();
        mounts.add(new ContainerFacts.Mount(source, b.containerPath(), false, ""));
      }
    }
    return facts.withMounts(mounts);
  }
}
