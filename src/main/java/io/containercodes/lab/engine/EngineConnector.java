package io.containercodes.lab.engine;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.Timing;
import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds an engine, or makes one: an explicit address ({@code --host}, {@code CCLAB_HOST}) is the
 * only one tried; otherwise the discovery chain, where an address the user set ({@code
 * DOCKER_HOST}, {@code CONTAINER_HOST}, {@code DOCKER_CONTEXT}) is final as it is for the Docker
 * CLI; then the lab's own Podman service (installing Podman first when the user opted in), never
 * through a remote Podman client. Every way this can fail ends in one message that lists what was
 * tried, and every attempt stays with the engine for {@code cclab doctor}.
 */
public final class EngineConnector {
  public static final String HOST_VARIABLE = "CCLAB_HOST";
  static final String EXPLICIT = "--host / " + HOST_VARIABLE;

  private final Map<String, String> env;
  private final String explicitHost;
  private final Consumer<String> notice;
  private List<EndpointDiscovery.Attempt> attempts = List.of();

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
    Timing.mark("engine found");
    return Engine.open(endpoint, env, notice, attempts);
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

  private List<EndpointStrategy> chain() {
    return explicitHost != null && !explicitHost.isBlank()
        ? List.of(new AddressVariable(EXPLICIT, explicitHost))
        : EndpointDiscovery.standardChain(env, EmbeddedPodmanService.socket());
  }

  private EndpointDiscovery.Result discover() {
    EndpointDiscovery.Result result =
        new EndpointDiscovery(chain(), uri -> EngineClients.ping(uri, env).failure()).discover();
    attempts = new ArrayList<>(result.attempts());
    return result;
  }

  /** Where the engine is, starting or installing one if the user's settings allow it. */
  public EngineEndpoint locate() {
    EndpointDiscovery.Result result = discover();
    if (result.endpoint().isPresent()) {
      return result.endpoint().get();
    }
    if (result.stoppedAt().isPresent()) {
      throw stopped(result.stoppedAt().get());
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
    Optional<EnvironmentProblem> remote =
        EmbeddedPodmanService.remoteClientProblem(exe.find("podman").orElseThrow(), tried);
    if (remote.isPresent()) {
      throw remote.get();
    }
    if (host.cgroups().isV1() && !exe.has("runc")) {
      new PackageInstaller(host, env, notice)
          .install(
              "this host uses " + host.cgroups().description() + ", where Podman needs runc",
              "runc");
    }
    EngineEndpoint started =
        new EngineEndpoint(
            EmbeddedPodmanService.start(host, exe, env, notice), "the lab's own Podman service");
    attempts.add(
        new EndpointDiscovery.Attempt(started.source() + ", started now", started.uri(), null));
    return started;
  }

  /**
   * The sentence for an address the user set that does not answer: the lab stops there, as the
   * Docker CLI does, rather than run the lesson on an engine the user did not choose.
   */
  static EnvironmentProblem stopped(EndpointDiscovery.Attempt attempt) {
    String what = attempt.description();
    String where = attempt.uri() == null ? "" : " (" + attempt.uri() + ")";
    String how =
        what.startsWith("Docker context")
            ? "start that context's engine, or pick another with 'docker context use NAME'"
                + " or unset DOCKER_CONTEXT"
            : "start that engine, correct " + what + ", or unset it";
    return new EnvironmentProblem(
        what
            + " names the engine to use"
            + where
            + ", and it does not answer: "
            + attempt.failure()
            + ". The lab does not fall back to another engine when you named one.",
        how + " — then the lab finds an engine itself (cclab doctor lists where it looks).");
  }

  /**
   * One line naming the engine {@link #connect} would use, found without side effects: no engine
   * started, nothing installed, nothing reaped — for {@code cclab --version --verbose}.
   */
  public String wouldUse() {
    EngineClients.Ping[] answered = new EngineClients.Ping[1];
    EndpointDiscovery.Result result =
        new EndpointDiscovery(
                chain(),
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
    Optional<EndpointDiscovery.Attempt> stopped = result.stoppedAt();
    if (stopped.isPresent()) {
      EndpointDiscovery.Attempt a = stopped.get();
      return "none: "
          + (a.uri() == null ? "" : a.uri() + " ")
          + "("
          + a.description()
          + ") does not answer ("
          + a.failure()
          + ")";
    }
    return new Executables(env).has("podman")
        ? "none answers yet; the lab would start its own Podman service ("
            + EmbeddedPodmanService.socket()
            + ")"
        : "none answers, and Podman is not installed (cclab doctor says how to get one)";
  }
}
