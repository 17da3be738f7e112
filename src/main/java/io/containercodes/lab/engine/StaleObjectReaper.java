package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes lab objects whose creating process is gone: what a crashed or killed run left. Objects of
 * a lab process that is still running (a parallel run, the REPL in another terminal) are left
 * alone.
 */
final class StaleObjectReaper {
  private final DockerClient client;

  StaleObjectReaper(DockerClient client) {
    this.client = client;
  }

  /** Reaps and returns a sentence for the user when there was anything to reap. */
  Optional<String> reap() {
    int containers;
    int networks;
    try {
      containers = reapContainers();
      networks = reapNetworks();
      reapCopies();
    } catch (RuntimeException e) {
      return Optional.of(
          "Could not check for leftovers of earlier lab runs: " + EngineClients.rootMessage(e));
    }
    if (containers + networks == 0) {
      return Optional.empty();
    }
    return Optional.of(
        "Removed "
            + containers
            + " container(s) and "
            + networks
            + " network(s) left behind by a lab run that ended without cleaning up.");
  }

  /**
   * Kills and removes stale containers; how many it removed. One the engine refuses is tried again
   * after the others: Podman will not remove a container whose namespace another one joined before
   * that one (the sandbox's tracer and its script).
   */
  private int reapContainers() {
    List<String> refused = new ArrayList<>();
    int removed = 0;
    for (Container c :
        client
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(List.of(LabLabels.LAB))
            .exec()) {
      if (isStale(c.getLabels())) {
        if ("running".equals(c.getState())) {
          try {
            client.killContainerCmd(c.getId()).exec();
          } catch (RuntimeException ignored) {
            // exited meanwhile
          }
        }
        if (removeContainer(c.getId(), refused)) {
          removed++;
        }
      }
    }
    for (String id : refused) {
      if (removeContainer(id, null)) {
        removed++;
      }
    }
    return removed;
  }

  /** True when removed; a refusal is noted in {@code refused} (or left to the next start). */
  private boolean removeContainer(String id, List<String> refused) {
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      return true;
    } catch (NotFoundException ignored) {
      return false; // a concurrent reaper got it
    } catch (RuntimeException e) {
      if (refused != null) {
        refused.add(id);
      }
      return false;
    }
  }

  /** Removes stale networks no container uses any more; how many it removed. */
  private int reapNetworks() {
    int removed = 0;
    for (Network n : client.listNetworksCmd().withFilter("label", List.of(LabLabels.LAB)).exec()) {
      if (isStale(n.getLabels())) {
        try {
          client.removeNetworkCmd(n.getId()).exec();
          removed++;
        } catch (RuntimeException ignored) {
          // still in use by a container being removed; the next start retries
        }
      }
    }
    return removed;
  }

  /**
   * Removes the volumes of stale copies ({@link HostCopies}): the lab's folders copied into an
   * engine that does not see this machine's files, left by a run that died before removing them.
   * Their holders went with the containers above. Not counted: the sentence names containers and
   * networks, and a copy is part of a run's container.
   */
  private void reapCopies() {
    var listed =
        client
            .listVolumesCmd()
            .withFilter("label", List.of(HostCopies.COPY + "=1"))
            .exec()
            .getVolumes();
    for (var v :
        listed == null
            ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of()
            : listed) {
      if (isStale(v.getLabels())) {
        try {
          client.removeVolumeCmd(v.getName()).exec();
        } catch (RuntimeException ignored) {
          // still in use; the next start retries
        }
      }
    }
  }

  static boolean isStale(Map<String, String> labels) {
    if (labels == null) {
      return true;
    }
    return LabLabels.Owner.decode(labels.get(LabLabels.OWNER))
        .map(o -> !o.isAliveHere())
        .orElse(true);
  }
}
