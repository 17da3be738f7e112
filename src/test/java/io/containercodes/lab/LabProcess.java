package io.containercodes.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.HostSetups;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The lab's jar as a learner starts it ({@code ./cclab} does the same: {@code -Dcclab.home} is the
 * checkout), for the ITs that run it against an engine of their own: with exactly the environment
 * given ({@code env -i}), optionally in a mount namespace of its own in which {@code prelude} (a
 * {@code sh} command list, such as one hiding host tools) runs first.
 */
public final class LabProcess {
  /** What the lab printed (stdout and stderr together) and its exit status. */
  public record Run(int status, String out) {}

  private final Map<String, String> env;
  private final String prelude;
  private final String user;

  private LabProcess(Map<String, String> env, String prelude, String user) {
    this.env = new TreeMap<>(env);
    this.prelude = prelude;
    this.user = user;
  }

  /** With {@code env} only (CCLAB_HOME is added: the checkout under test). */
  public static LabProcess withEnv(Map<String, String> env) {
    return new LabProcess(env, null, null);
  }

  /** In a private mount namespace ({@code unshare -m}, root only), {@code prelude} run first. */
  public LabProcess inMountNamespace(String prelude) {
    return new LabProcess(env, prelude, user);
  }

  /** As {@code user} ({@code runuser -u}, root only), e.g. a rootless learner. */
  public LabProcess asUser(String user) {
    return new LabProcess(env, prelude, user);
  }

  /** {@code cclab ARGS} in {@code dir}; fails the test when it runs longer than {@code minutes}. */
  public Run run(Path dir, int minutes, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (user != null) {
      cmd.addAll(List.of("runuser", "-u", user, "--"));
    }
    if (prelude != null) {
      cmd.addAll(List.of("unshare", "-m", "--propagation", "private", "--"));
    }
    cmd.addAll(List.of("env", "-i"));
    env.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.add("CCLAB_HOME=" + HostSetups.root());
    if (prelude != null) {
      cmd.addAll(List.of("sh", "-c", prelude + "exec \"$@\"", "sh"));
    }
    cmd.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dcclab.home=" + HostSetups.root(),
            "-jar",
            Path.of(System.getProperty("cclab.jar", "target/cclab.jar"))
                .toAbsolutePath()
                .toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(minutes, TimeUnit.MINUTES), "cclab " + String.join(" ", args) + " hung");
    System.err.println("[test] cclab " + String.join(" ", args) + ":\n" + out);
    return new Run(p.exitValue(), out);
  }
}
