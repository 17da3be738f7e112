package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

/** Creates and removes the lab's own networks, each known to the shutdown hook while it lives. */
final class Networks {
  private final DockerClient client;
  private final LiveObjects live;

  Networks(DockerClient client, LiveObjects live) {
    this.client = client;
    this.live = live;
  }

  /** {@code internal} networks have no route out of the machine. */
  LabNetwork create(String name, boolean internal) {
    live.createNetwork(
        () -> {
          client
              .createNetworkCmd()
              .withName(name)
              .withInternal(internal)
              .withLabels(LabLabels.forNewObject())
              .exec();
          return name;
        });
    return new LabNetwork(this::remove, name);
  }

  /** Removes the network, also on an interrupted thread (see {@link Uninterrupted}). */
  void remove(String name) {
    Uninterrupted.run(
        () -> {
          try {
            client.removeNetworkCmd(name).exec();
          } catch (NotFoundException ignored) {
            // gone already
          }
        });
    live.removeNetwork(name);
  }
}
