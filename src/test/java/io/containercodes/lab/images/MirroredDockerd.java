package io.containercodes.lab.images;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineConnector;
import io.containercodes.lab.engine.HostSetups;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.host.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a laptop or a CI runner without Debian's tools meets, on this machine: a private Docker
 * Engine (scripts/private-dockerd; never the shared Podman, whose images it only reads) and a
 * registry on 127.0.0.1 seeded with the lab's images under their upstream names, standing in for
 * Docker Hub ({@code CCLAB_REGISTRY_MIRROR}). Nothing of the seeded images is left on the engine,
 * so the lab must pull and build. {@link #close()} stops both and removes the engine's folders.
 */
final class MirroredDockerd implements AutoCloseable {
  /**
   * The host tools such a machine lacks (no static busybox, not root, not Debian): bind-mounted
   * over with an empty file by {@link #hidingHostTools}.
   */
  static final List<String> HIDDEN =
      List.of(
          "/bin/busybox",
          "/usr/bin/busybox",
          "/usr/bin/strace",
          "/usr/sbin/debootstrap",
          "/sbin/debootstrap");

  private final String name;
  private final Path work;
  private String host;
  private Engine engine;
  private LoopbackRegistry registry;

  private MirroredDockerd(String name, Path work) {
    this.name = name;
    this.work = work;
  }

  /**
   * Starts the engine NAME (with {@code dockerdArgs} as PRIVATE_DOCKERD_ARGS, or none) and the
   * registry, and seeds it; {@code work} holds the image archives on the way.
   */
  static MirroredDockerd start(String name, Path work, String dockerdArgs) throws Exception {
    MirroredDockerd d = new MirroredDockerd(name, work);
    try {
      d.host = run(List.of(script(), "start", name), dockerdArgs).lines().reduce((a, b) -> b).get();
      d.engine =
          new EngineConnector(Map.of(EngineConnector.HOST_VARIABLE, d.host), null, m -> {})
              .connect();
      d.registry = LoopbackRegistry.start();
      for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
        d.seed(entry);
      }
      return d;
    } catch (Exception | AssertionError e) {
      d.close();
      throw e;
    }
  }

  String host() {
    return host;
  }

  Engine engine() {
    return engine;
  }

  LoopbackRegistry registry() {
    return registry;
  }

  /** The entry's upstream base as the lab pulls it through this registry. */
  String mirrored(ImageCatalog.Entry entry) {
    return new LabImages(engine, Map.of("CCLAB_REGISTRY_MIRROR", registry.address()), m -> {})
        .upstreamFor(entry);
  }

  /**
   * The lab's image from the shared engine (read, never changed) under its upstream name; its
   * archive stays in {@code work} (EngineBuildIT loads it as an instructor's bundle).
   */
  private void seed(ImageCatalog.Entry entry) throws Exception {
    Path archive = work.resolve(entry.name().replace('/', '-') + ".tar");
    try (OutputStream out = Files.newOutputStream(archive)) {
      TestEngine.get().saveImage(entry.reference(), out);
    }
    String upstream = mirrored(entry);
    docker("load", "-i", archive.toString());
    docker("tag", entry.reference(), upstream);
    if (entry.upstream().equals(ImageCatalog.TRACER.upstream())) {
      addLocalAptRepository(upstream);
    }
    docker("push", upstream);
    docker("rmi", entry.reference(), upstream);
  }

  /**
   * Rebuilds the Debian stand-in {@code image} with the {@link LocalAptRepository}: the tracer
   * image's build on the engine then installs Debian's strace without a network.
   */
  private void addLocalAptRepository(String image) throws Exception {
    Path context = LocalAptRepository.context(work, image);
    docker(
        "build",
        "--network",
        "none",
        "-f",
        context.resolve("Containerfile").toString(),
        "-t",
        image,
        context.toString());
  }

  /** The docker CLI on this engine; its output, or an AssertionError with it. */
  String docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker", "-H", host));
    cmd.addAll(List.of(args));
    return run(cmd, null);
  }

  /**
   * A {@code sh -c} prefix that hides {@link #HIDDEN} behind {@code empty} (in a mount namespace of
   * the caller's: {@code unshare -m --propagation private}), and with {@code hideRootsCache} root's
   * image cache too, which a non-root user's lab reads before building ({@link ImageCache#SYSTEM}).
   */
  static String hidingHostTools(Path empty, boolean hideRootsCache) throws IOException {
    if (!Files.exists(empty)) {
      Files.createFile(empty);
    }
    StringBuilder hide = new StringBuilder();
    for (String tool : HIDDEN) {
      hide.append("[ -e ").append(tool).append(" ] && mount --bind ").append(empty);
      hide.append(' ').append(tool).append(" || true; ");
    }
    if (hideRootsCache) {
      hide.append("[ -d ").append(ImageCache.SYSTEM).append(" ] && mount -t tmpfs tmpfs ");
      hide.append(ImageCache.SYSTEM).append(" || true; ");
    }
    return hide.toString();
  }

  @Override
  public void close() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (host != null) {
      run(List.of(script(), "stop", name), null);
      removeUnmounted(Path.of("/var/lib", name));
      removeUnmounted(Path.of("/run", name));
    }
  }

  /** The engine's data root, once nothing is mounted under it (never delete through a mount). */
  private static void removeUnmounted(Path dir) throws IOException {
    String mounts = Files.readString(Path.of("/proc/self/mounts"));
    if (!mounts.contains(" " + dir + "/") && !mounts.contains(" " + dir + " ")) {
      FileTrees.delete(dir);
    }
  }

  private static String script() {
    return HostSetups.root().resolve("scripts").resolve("private-dockerd").toString();
  }

  private static String run(List<String> cmd, String dockerdArgs) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (dockerdArgs != null) {
      pb.environment().put("PRIVATE_DOCKERD_ARGS", dockerdArgs);
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError(cmd + " failed: " + out);
    }
    return out;
  }
}
