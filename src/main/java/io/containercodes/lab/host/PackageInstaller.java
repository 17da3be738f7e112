package io.containercodes.lab.host;

import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Installs Debian packages the lab depends on (the engine, busybox-static), but only when the user
 * has opted in with {@code CCLAB_INSTALL_ENGINE=1} and runs as root. Otherwise it answers with the
 * exact command to run, so nothing changes on a machine behind the user's back. Arguments go to
 * apt-get as an argument list: no shell is involved.
 */
public final class PackageInstaller {
  public static final String OPT_IN = "CCLAB_INSTALL_ENGINE";

  private final HostFacts host;
  private final Map<String, String> env;
  private final Executables executables;
  private final Consumer<String> notice;
  private boolean listsUpdated;

  public PackageInstaller(HostFacts host, Map<String, String> env, Consumer<String> notice) {
    this.host = host;
    this.env = env;
    this.executables = new Executables(env);
    this.notice = notice;
  }

  /** True when this process may install packages by itself. */
  public boolean mayInstall() {
    return "1".equals(env.get(OPT_IN))
        && host.root()
        && host.isDebianLike()
        && executables.has("apt-get");
  }

  /** The command a person would run, for messages. */
  public String manualCommand(String... packages) {
    return host.packageInstallCommand(packages)
        .orElse(
            "install " + String.join(", ", packages) + " with your distribution's package manager");
  }

  /**
   * Installs the packages, or throws with the command to run by hand.
   *
   * @param why the sentence shown before installing, e.g. "no container engine is installed"
   */
  public void install(String why, String... packages) {
    if (!mayInstall()) {
      String optIn =
          host.root() && host.isDebianLike()
              ? "   (or set " + OPT_IN + "=1 and the lab installs it)"
              : "";
      throw new EnvironmentProblem(why + ".", "Install it: " + manualCommand(packages) + optIn);
    }
    notice.accept(
        "Installing "
            + String.join(" ", packages)
            + " with apt-get: "
            + why
            + " ("
            + OPT_IN
            + "=1). This takes a minute once.");
    Path log = logFile();
    if (!listsUpdated) {
      run(log, List.of("apt-get", "update", "-q"));
      listsUpdated = true;
    }
    List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
    cmd.addAll(List.of(packages));
    run(log, cmd);
    notice.accept("Installed " + String.join(" ", packages) + ".");
  }

  private void run(Path log, List<String> command) {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    try {
      int rc = pb.start().waitFor();
      if (rc != 0) {
        throw new EnvironmentProblem(
            "'"
                + String.join(" ", command)
                + "' failed with status "
                + rc
                + ". Its last lines:\n"
                + tail(log, 8),
            "Read " + log + ", fix the package source, then retry.");
      }
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Could not run " + command.get(0) + ": " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentProblem(
          "Interrupted while installing packages.", "Run the command again.", e);
    }
  }

  private static Path logFile() {
    try {
      Path dir = LabDirectories.runtime();
      Files.createDirectories(dir);
      return dir.resolve("apt.log");
    } catch (IOException e) {
      return Path.of(System.getProperty("java.io.tmpdir"), "cclab-apt.log");
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
