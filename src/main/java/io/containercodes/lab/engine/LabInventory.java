package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the lab has on the engine, found by its labels, and the clean-up of what dead lab processes
 * left there.
 */
final class LabInventory {
  private final DockerClient client;
  private final ContainerRunner runner;
  private final Learner learner;

  LabInventory(DockerClient client, ContainerRunner runner, Learner learner) {
    this.client = client;
    this.runner = runner;
    this.learner = learner;
  }

  /**
   * Every container and network the engine lists as this process's: what the shutdown hook removes.
   */
  LiveObjects.Owned ownedByThisProcess() {
    String owner = LabLabels.OWNER + "=" + LabLabels.Owner.current().encode();
    List<String> containers =
        client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(owner)).exec().stream()
            .map(Container::getId)
            .toList();
    List<String> networks =
        client.listNetworksCmd().withFilter("label", List.of(owner)).exec().stream()
            .map(Network::getName)
            .toList();
    // only the copies' volumes: a probe kit's volume is a cache shared by every lab process
    var listed =
        client
            .listVolumesCmd()
            .withFilter("label", List.of(owner, HostCopies.COPY))
            .exec()
            .getVolumes();
    List<String> volumes =
        listed == null
            ? List.of()
            : listed.stream()
                .map(com.github.dockerjava.api.command.InspectVolumeResponse::getName)
                .toList();
    return new LiveObjects.Owned(containers, networks, volumes);
  }

  /** How many objects of one kind were removed, and how many were left to a live owner. */
  private record Counts(int removed, int left) {}

  /**
   * Removes lab-labelled containers, networks and volumes whose owner process is gone (or that name
   * no owner); with {@code everything}, also those of lab processes still running.
   */
  CleanReport clean(boolean everything) {
    Set<String> owners = new TreeSet<>();
    Counts containers = cleanContainers(everything, owners);
    Counts networks = cleanNetworks(everything, owners);
    Counts volumes = cleanVolumes(everything, owners);
    return new CleanReport(
        containers.removed(),
        networks.removed(),
        volumes.removed(),
        containers.left(),
        networks.left(),
        volumes.left(),
        owners);
  }

  /**
   * True when {@code labels} belong to a live owner that this clean-up leaves, noting it. This very
   * process is no such owner: it cleans between its own runs (the REPL's {@code clean} after a run
   * that ended badly), so what it owns then is left over, and it is this user's.
   */
  private static boolean leftToOwner(
      boolean everything, Map<String, String> labels, Set<String> owners) {
    if (everything || StaleObjectReaper.isStale(labels) || ownedHere(labels)) {
      return false;
    }
    owners.add(labels.get(LabLabels.OWNER));
    return true;
  }

  /**
   * Another learner's object, which this clean neither touches nor counts (a room's learners share
   * the engine, and one process may run for several: the room's test); all with {@code --all}.
   */
  private boolean othersLearner(boolean everything, Map<String, String> labels) {
    return !everything && learner.isOtherThan(labels);
  }

  private static boolean ownedHere(Map<String, String> labels) {
    return labels != null && LabLabels.Owner.current().encode().equals(labels.get(LabLabels.OWNER));
  }

  /**
   * Removes every container and network labelled as this process's: after an interrupted run, what
   * it started, found by the label, so also an object the run's own bookkeeping missed. Only for a
   * process that runs nothing else meanwhile (the REPL between commands). What is still listed
   * after a removal is tried again after a growing pause, about four seconds in all: Docker refuses
   * a second removal while the interrupted run's own removal is still in progress (409), and lists
   * the container until that one ends (ReplInterruptIT once saw it listed after three passes with
   * no pause). The report counts what was listed and then gone as removed, and what the engine
   * still lists at the end as left.
   */
  CleanReport removeOwnedByThisProcess() {
    Set<String> containers = new TreeSet<>();
    Set<String> networks = new TreeSet<>();
    Set<String> volumes = new TreeSet<>();
    LiveObjects.Owned listed = ownedByThisProcess();
    for (int pass = 0; pass < REMOVAL_PAUSES_MS.length && !isEmpty(listed); pass++) {
      if (pass > 0 && !Quietly.sleep(REMOVAL_PAUSES_MS[pass])) {
        // a second Ctrl-C during the clean-up ends the waiting, not the REPL
        break;
      }
      for (String id : listed.containers()) {
        try {
          runner.remove(id, true);
        } catch (DockerException e) {
          // still listed below: tried again, or counted as left
        }
      }
      removeNetworksAndVolumes(listed);
      containers.addAll(listed.containers());
      networks.addAll(listed.networks());
      volumes.addAll(listed.volumes());
      listed = ownedByThisProcess();
    }
    containers.removeAll(listed.containers());
    networks.removeAll(listed.networks());
    volumes.removeAll(listed.volumes());
    return new CleanReport(
        containers.size(),
        networks.size(),
        volumes.size(),
        listed.containers().size(),
        listed.networks().size(),
        listed.volumes().size(),
        Set.of());
  }

  /** After the containers: the networks they were on and the volumes of their copies. */
  private void removeNetworksAndVolumes(LiveObjects.Owned listed) {
    for (String network : listed.networks()) {
      try {
        client.removeNetworkCmd(network).exec();
      } catch (DockerException e) {
        // removed meanwhile (not found), or still listed below
      }
    }
    for (String volume : listed.volumes()) {
      try {
        client.removeVolumeCmd(volume).exec();
      } catch (DockerException e) {
        // removed meanwhile (not found), or still listed below
      }
    }
  }

  /** Pauses before each further removal pass (the first has none). */
  private static final long[] REMOVAL_PAUSES_MS = {0, 100, 250, 500, 1000, 2000};

  private static boolean isEmpty(LiveObjects.Owned owned) {
    return owned.containers().isEmpty() && owned.networks().isEmpty() && owned.volumes().isEmpty();
  }

  /**
   * A container the engine refuses to remove is tried again after the others: Podman will not
   * remove a container whose namespace another one joined before that one.
   */
  private Counts cleanContainers(boolean everything, Set<String> owners) {
    int removed = 0;
    int left = 0;
    List<String> refused = new ArrayList<>();
    for (Container c : labContainerList()) {
      if (othersLearner(everything, c.getLabels())) {
        continue;
      }
      if (leftToOwner(everything, c.getLabels(), owners)) {
        left++;
        continue;
      }
      try {
        runner.remove(c.getId(), "running".equals(c.getState()));
        removed++;
      } catch (RuntimeException e) {
        refused.add(c.getId());
      }
    }
    for (String id : refused) {
      runner.remove(id, false);
      removed++;
    }
    return new Counts(removed, left);
  }

  private Counts cleanNetworks(boolean everything, Set<String> owners) {
    int removed = 0;
    int left = 0;
    for (Network n : client.listNetworksCmd().withFilter("label", List.of(LabLabels.LAB)).exec()) {
      if (othersLearner(everything, n.getLabels())) {
        continue;
      }
      if (leftToOwner(everything, n.getLabels(), owners)) {
        left++;
        continue;
      }
      try {
        client.removeNetworkCmd(n.getId()).exec();
        removed++;
      } catch (NotFoundException e) {
        // removed meanwhile by its owner
      } catch (DockerException e) {
        left++; // still used by a container that was left
      }
    }
    return new Counts(removed, left);
  }

  private Counts cleanVolumes(boolean everything, Set<String> owners) {
    List<InspectVolumeResponse> listed =
        client.listVolumesCmd().withFilter("label", List.of(LabLabels.LAB)).exec().getVolumes();
    int removed = 0;
    int left = 0;
    for (InspectVolumeResponse v : listed == null ? List.<InspectVolumeResponse>of() : listed) {
      if (othersLearner(everything, v.getLabels())) {
        continue;
      }
      if (leftToOwner(everything, v.getLabels(), owners)) {
        left++;
        continue;
      }
      try {
        client.removeVolumeCmd(v.getName()).exec();
        removed++;
      } catch (NotFoundException e) {
        // removed meanwhile
      } catch (DockerException e) {
        left++; // in use by a container that was left
      }
    }
    return new Counts(removed, left);
  }

  /**
   * The lab's containers, networks and copies' volumes whose owner label names process {@code pid}
   * on this host, as "container ID", "network NAME" and "volume NAME": what a run of that process
   * left behind.
   */
  List<String> objectsOwnedBy(long pid) {
    Predicate<Map<String, String>> ours =
        labels ->
            labels != null
                && LabLabels.Owner.decode(labels.get(LabLabels.OWNER))
                    .filter(o -> o.pid() == pid && o.host().equals(HostName.get()))
                    .isPresent();
    List<String> found = new ArrayList<>();
    labContainerList().stream()
        .filter(c -> ours.test(c.getLabels()))
        .forEach(c -> found.add("container " + c.getId()));
    client.listNetworksCmd().withFilter("label", List.of(LabLabels.LAB)).exec().stream()
        .filter(n -> ours.test(n.getLabels()))
        .forEach(n -> found.add("network " + n.getName()));
    var volumes =
        client.listVolumesCmd().withFilter("label", List.of(HostCopies.COPY)).exec().getVolumes();
    if (volumes != null) {
      volumes.stream()
          .filter(v -> ours.test(v.getLabels()))
          .forEach(v -> found.add("volume " + v.getName()));
    }
    return found;
  }

  List<String> labContainers() {
    return labContainerList().stream().map(Container::getId).toList();
  }

  /** The lab's containers this process created: other lab runs on the same engine do not count. */
  List<String> labContainersOfThisProcess() {
    return client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of(LabLabels.OWNER, LabLabels.Owner.current().encode()))
        .exec()
        .stream()
        .map(Container::getId)
        .toList();
  }

  private List<Container> labContainerList() {
    return client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of(LabLabels.LAB))
        .exec();
  }
}
