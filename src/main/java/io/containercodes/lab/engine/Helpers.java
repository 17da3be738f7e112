package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import java.util.Optional;

/** Starts, reads and removes long-running helper containers. */
final class Helpers implements Helper.Backend {
  private final DockerClient client;
  private final ContainerRunner runner;

  Helpers(DockerClient client, ContainerRunner runner) {
    this.client = client;
    this.runner = runner;
  }

  Helper start(RunSpec spec, Guardrails.Judgement judged) {
    return new Helper(this, runner.startDetached(spec, judged));
  }

  @Override
  public Logs logs(String id) {
    return runner.logs(id);
  }

  @Override
  public Helper.Exit awaitExit(String id, java.time.Duration within) {
    return runner.awaitExit(id, within);
  }

  @Override
  public Optional<String> addressOf(String id) {
    var settings = client.inspectContainerCmd(id).exec().getNetworkSettings();
    if (settings == null || settings.getNetworks() == null) {
      return Optional.empty();
    }
    return settings.getNetworks().values().stream()
        .map(n -> n.getIpAddress())
        .filter(ip -> ip != null && !ip.isEmpty())
        .findFirst();
  }

  @Override
  public void stop(String id) {
    runner.stopHelper(id);
  }
}
