package io.containercodes.lab.images;

import io.containercodes.lab.host.FileTrees;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A registry on 127.0.0.1 standing in for the public one, so the tests reach no internet: Debian's
 * {@code docker-registry} (the distribution registry), installed when missing, on a free port (a
 * fixed 5000 would meet another test's or a learner's registry), storing in a temporary folder that
 * {@link #close()} removes with the process. Engines treat 127.0.0.0/8 as an insecure registry, so
 * it speaks plain HTTP.
 */
final class LoopbackRegistry implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final Path dir;
  private final int port;

  private LoopbackRegistry(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts one and waits until it answers {@code /v2/}. */
  static LoopbackRegistry start() throws IOException, InterruptedException {
    installIfMissing();
    Path dir = Files.createTempDirectory("cclab-registry-");
    int port = freePort();
    Path config =
        Files.writeString(
            dir.resolve("config.yml"),
            String.join(
                "\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
    Process p =
        new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    LoopbackRegistry registry = new LoopbackRegistry(p, dir, port);
    registry.awaitReady(Duration.ofSeconds(30));
    return registry;
  }

  /** {@code 127.0.0.1:PORT}, as CCLAB_REGISTRY_MIRROR takes it. */
  String address() {
    return "127.0.0.1:" + port;
  }

  private void awaitReady(Duration within) throws IOException, InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        break;
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create("http://" + address() + "/v2/").toURL().openConnection();
        c.setConnectTimeout(1000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    String log = Files.readString(dir.resolve("registry.log"));
    close();
    throw new IOException("docker-registry did not answer on " + address() + ": " + log);
  }

  /** A port nothing listens on now; the registry binds it a moment later. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void installIfMissing() throws IOException, InterruptedException {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    // installed without starting the package's own service, which listens on :5000 on every
    // interface: policy-rc.d's 101 tells the package's scripts not to start it (one already there
    // is left alone), as scripts/private-dockerd installs docker.io
    String install =
        "p=''; [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\\nexit 101\\n'"
            + " > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && p=1; };"
            + " DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-registry; rc=$?;"
            + " [ -z \"$p\" ] || rm -f /usr/sbin/policy-rc.d; exit $rc";
    Process p = new ProcessBuilder("sh", "-c", install).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(BINARY)) {
      throw new IOException("apt-get install docker-registry failed: " + out);
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    FileTrees.delete(dir);
  }
}
