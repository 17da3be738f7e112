package io.containercodes.lab.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The setups of scripts/ that the "setups" tests run on: a rootless Podman user
 * (scripts/rootless-podman), an sshd on loopback (scripts/loopback-sshd). Each script is idempotent
 * and prints what it made; the tests stop what they started.
 */
public final class HostSetups {
  /** The rootless user of the tests; its storage (and built images) stays between runs. */
  public static final String ROOTLESS_USER = "cclab-rootless";

  private HostSetups() {}

  public static Path root() {
    return Path.of(System.getProperty("cclab.root", ".")).toAbsolutePath();
  }

  /** Runs {@code scripts/NAME ARGS…}; its stdout, or an AssertionError with what it said. */
  public static String script(String name, String... args) {
    return script(Map.of(), name, args);
  }

  /** {@link #script} with these variables added to its environment. */
  public static String script(Map<String, String> env, String name, String... args) {
    List<String> cmd = new ArrayList<>(List.of(root().resolve("scripts").resolve(name).toString()));
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new AssertionError(cmd + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(cmd + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Starts (or finds) the rootless user's Podman service; its unix:// address. */
  public static String rootlessPodman() {
    return script("rootless-podman", "start", ROOTLESS_USER);
  }

  /**
   * Starts (or finds) a Podman service that sees none of the lab's folders
   * (scripts/unshared-podman) with {@code hide} hidden too; its unix:// address.
   */
  public static String unsharedPodman(String name, String hide) {
    return script(Map.of("UNSHARED_PODMAN_HIDE", hide), "unshared-podman", "start", name);
  }

  /** HOME=… USER=… XDG_RUNTIME_DIR=… PATH=… of the rootless user, for {@code env -i}. */
  public static List<String> rootlessEnv() {
    return List.of(script("rootless-podman", "env", ROOTLESS_USER).split(" "));
  }
}
