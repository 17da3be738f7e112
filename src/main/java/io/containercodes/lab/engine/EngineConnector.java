package io.containercodes.lab.engine;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds an engine, or makes one: an explicit address wins and is the only one tried; then the
 * discovery chain; then the lab's own Podman service (installing Podman first when the user opted
 * in). Every way this can fail ends in one message that lists what was tried.
 */
public final class EngineConnector {
  public static final String HOST_VARIABLE = "CCLAB_HOST";

  private final Map<String, String> env;
  private final String explicitHost;
  private final Consumer<String> notice;

  /**
   * @param explicitHost the --host flag, or null to use {@code CCLAB_HOST} from env
   * @param notice receives one-line messages about what the lab does on the user's behalf
   */
  public EngineConnector(Map<String, String> env, String explicitHost, Consumer<String> notice) {
    this.env = env;
    this.explicitHost = explicitHost != null ? explicitHost : env.get(HOST_VARIABLE);
    this.notice = notice;
  }

  public Engine connect() {
    EngineClients.warmUp(); // JSON set-up in the background while the engine is found
    EngineEndpoint endpoint = locate();
    io.containercodes.lab.Timing.mark("engine found");
    return Engine.open(endpoint, env, notice);
  }

  /**
   * Starts building, in a background thread, the JSON (de)serializers a container run needs (see
   * {@link EngineClients#warmUp}). {@link #connect} does it too; a command that will run a
   * container calls this first, so that the work overlaps its argument parsing instead of the
   * engine calls. Idempotent, and nothing but a head start: it touches no socket.
   */
  public static void warmUp() {
    EngineClients.warmUp();
  }

  /** Where the engine is, starting or installing one if the user's settings allow it. */
  public EngineEndpoint locate() {
    if (explicitHost != null && !explicitHost.isBlank()) {
      return explicit();
    }
    EndpointDiscovery discovery =
        new EndpointDiscovery(
            EndpointDiscovery.standardChain(env, EmbeddedPodmanService.socket()),
            uri -> EngineClients.ping(uri, env).failure());
    EndpointDiscovery.Result result = discovery.discover();
    if (result.endpoint().isPresent()) {
      return result.endpoint().get();
    }
    String tried = "No container engine answered. Tried:" + result.report();
    HostFacts host = HostFacts.read();
    Executables exe = new Executables(env);
    if (!exe.has("podman")) {
      PackageInstaller installer = new PackageInstaller(host, env, notice);
      List<String> packages = host.cgroups().isV1() ? List.of("podman", "runc") : List.of("podman");
      try {
        installer.install("no container engine is installed", packages.toArray(String[]::new));
      } catch (EnvironmentProblem e) {
        throw new EnvironmentProblem(tried + "\nPodman is not installed either.", e.fix(), e);
      }
    }
    if (host.cgroups().isV1() && !exe.has("runc")) {
      new PackageInstaller(host, env, notice)
          .install(
              "this host uses " + host.cgroups().description() + ", where Podman needs runc",
              "runc");
    }
    return new EngineEndpoint(
        EmbeddedPodmanService.start(host, exe, env, notice), "the lab's own Podman service");
  }

  /**
   * One line naming the engine {@link #connect} would use, found without side effects: no engine
   * started, nothing installed, nothing reaped — for {@code cclab --version --verbose}.
   */
  public String wouldUse() {
    List<EndpointStrategy> chain =
        explicitHost != null && !explicitHost.isBlank()
            ? List.of(EndpointStrategy.fromVariable("--host / " + HOST_VARIABLE, explicitHost))
            : EndpointDiscovery.standardChain(env, EmbeddedPodmanService.socket());
    EngineClients.Ping[] answered = new EngineClients.Ping[1];
    EndpointDiscovery.Result result =
        new EndpointDiscovery(
                chain,
                uri -> {
                  EngineClients.Ping ping = EngineClients.ping(uri, env);
                  answered[0] = ping;
                  return ping.failure();
                })
            .discover();
    if (result.endpoint().isPresent()) {
      EngineClients.Ping ping = answered[0];
      return ping.kind().displayName()
          + " "
          + ping.serverVersion()
          + " (API "
          + ping.apiVersion()
          + ") at "
          + result.endpoint().get();
    }
    if (explicitHost != null && !explicitHost.isBlank()) {
      return "none: " + explicitHost + " (--host / " + HOST_VARIABLE + ") does not answer";
    }
    return new Executables(env).has("podman")
        ? "none answers yet; the lab would start its own Podman service ("
            + EmbeddedPodmanService.socket()
            + ")"
        : "none answers, and Podman is not installed (cclab doctor says how to get one)";
  }

  private EngineEndpoint explicit() {
    String source = "--host / " + HOST_VARIABLE;
    try {
      URI.create(explicitHost.trim()); // the strategy parses it again; this only says it is bad
    } catch (IllegalArgumentException e) {
      throw new EnvironmentProblem(
          "'" + explicitHost + "' (" + source + ") is not an engine address.",
          "Use unix:///path/to/engine.sock or tcp://host:port.");
    }
    EndpointDiscovery single =
        new EndpointDiscovery(
            List.of(EndpointStrategy.fromVariable(source, explicitHost)),
            u -> EngineClients.ping(u, env).failure());
    EndpointDiscovery.Result result = single.discover();
    return result
        .endpoint()
        .orElseThrow(
            () ->
                new EnvironmentProblem(
                    "The engine named by " + source + " does not answer:" + result.report(),
                    "Start that engine, fix the address, or unset "
                        + HOST_VARIABLE
                        + " so the lab finds or starts one."));
  }
}
