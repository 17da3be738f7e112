package io.containercodes.lab.engine;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts {@code podman system service} on a socket the lab owns, when no engine answers but Podman
 * is installed. The service runs in its own session (setsid) so a Ctrl-C aimed at the lab does not
 * take the engine down mid-cleanup, and it exits by itself after {@link #IDLE_SECONDS} without
 * requests, so nothing lingers after the lab is closed.
 */
public final class EmbeddedPodmanService {
  static final int IDLE_SECONDS = 1800;
  private static final long START_TIMEOUT_MS = 20_000;

  private EmbeddedPodmanService() {}

  public static Path socket() {
    return LabDirectories.runtime().resolve("podman.sock");
  }

  /** Where the service's files go: its directory, socket, configuration and log. */
  private record ServiceFiles(Path dir, Path sock, Path conf, Path registries, Path log) {
    static ServiceFiles in(Path dir, Path sock) {
      return new ServiceFiles(
          dir,
          sock,
          dir.resolve("containers.conf"),
          dir.resolve("registries.conf"),
          dir.resolve("podman-service.log"));
    }
  }

  /**
   * Why this podman cannot serve an engine, when it is a remote client: the podman of macOS and
   * Windows (podman-remote) only talks to a podman machine, and so does any podman in remote mode
   * ({@code --remote}, containers.conf {@code remote = true}); asked for {@code system service} it
   * exits 125 ("cannot use command "podman system service" with the remote podman client"). Asking
   * it for that command's help is how the lab tells, before it starts anything.
   */
  static Optional<EnvironmentProblem> remoteClientProblem(Path podman, String tried) {
    String said;
    int status;
    try {
      Process p =
          new ProcessBuilder(podman.toString(), "system", "service", "--help")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      byte[] out = p.getInputStream().readNBytes(64 * 1024);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty(); // the start itself will say what is wrong
      }
      status = p.exitValue();
      said = new String(out, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (status == 0) {
      return Optional.empty();
    }
    String last = said.lines().reduce((a, b) -> b).orElse("exit " + status);
    return Optional.of(
        new EnvironmentProblem(
            tried
                + "\n"
                + podman
                + " is a remote Podman client, which cannot run an engine itself ("
                + last
                + ").",
            "start your Podman machine (podman machine start), or set CONTAINER_HOST or"
                + " "
                + EngineConnector.HOST_VARIABLE
                + " to an engine's address"));
  }

  static URI start(
      HostFacts host, Executables exe, Map<String, String> env, Consumer<String> notice) {
    Path podman = exe.find("podman").orElseThrow();
    ServiceFiles files = ServiceFiles.in(LabDirectories.runtime(), socket());
    PodmanAdaptations adaptations =
        PodmanAdaptations.forHost(host, exe.has("runc"), env.get("CCLAB_REGISTRY_MIRROR"));
    prepare(files, adaptations);
    URI uri = URI.create("unix://" + files.sock());
    notice.accept(
        "Starting Podman's API service on "
            + uri
            + " with "
            + String.join("; ", adaptations.reasons())
            + ".");
    List<String> command = new ArrayList<>();
    exe.find("setsid").ifPresent(p -> command.add(p.toString()));
    command.addAll(
        List.of(podman.toString(), "system", "service", "--time=" + IDLE_SECONDS, uri.toString()));
    Process process = launch(podman, command, files);
    return awaitAnswer(uri, process, env, files);
  }

  /** Writes the service's configuration and clears a dead service's socket file. */
  private static void prepare(ServiceFiles files, PodmanAdaptations adaptations) {
    Path dir = files.dir();
    try {
      Files.createDirectories(dir);
      Files.writeString(files.conf(), adaptations.containersConf(), StandardCharsets.UTF_8);
      Files.writeString(files.registries(), adaptations.registriesConf(), StandardCharsets.UTF_8);
      Files.deleteIfExists(files.sock()); // a dead service's socket file would refuse connections
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Cannot prepare " + dir + " for the Podman service: " + e.getMessage(),
          "Check that " + dir.getParent() + " is writable.",
          e);
    }
  }

  private static Process launch(Path podman, List<String> command, ServiceFiles files) {
    // its own directory as the working directory: conmon writes an empty file named "oom" into
    // the service's working directory when a container is OOM-killed (measured), which left
    // one in the learner's checkout, wherever the first lab command was started
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(files.dir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(files.log().toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("CONTAINERS_CONF", files.conf().toString());
    pb.environment().put("CONTAINERS_REGISTRIES_CONF", files.registries().toString());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new EnvironmentProblem("Could not start " + podman + ": " + e.getMessage(), null, e);
    }
  }

  /** The service's address once it answers a ping; a problem with its log when it does not. */
  private static URI awaitAnswer(
      URI uri, Process process, Map<String, String> env, ServiceFiles files) {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    String lastFailure = "did not start";
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(files.sock())) {
        lastFailure = EngineClients.ping(uri, env).failure();
        if (lastFailure == null) {
          return uri;
        }
      }
      // with setsid the child forks; only the podman process (not setsid) can report a crash
      if (!process.isAlive() && process.exitValue() != 0) {
        lastFailure = "exited with status " + process.exitValue();
        break;
      }
      if (!Quietly.sleep(50)) {
        throw new EnvironmentProblem("Interrupted while starting Podman.", null);
      }
    }
    Path log = files.log();
    throw new EnvironmentProblem(
        "Podman's API service " + lastFailure + ". Its log (" + log + ") ends with:\n" + tail(log),
        "Run 'podman info' to see what Podman itself reports, then 'cclab doctor'.");
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "    "
          + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
    } catch (IOException e) {
      return "    (no log)";
    }
  }
}
