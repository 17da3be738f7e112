package io.containercodes.lab.images;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian stand-in's {@code file:} apt repository, for the ITs that seed a registry with the
 * lab's python image under its upstream name (python:3.11-slim): the tracer image's {@code apt-get
 * install strace}, built on the test's engine, then installs Debian's strace while reaching nothing
 * beyond this machine, as a learner's build reaches deb.debian.org. Each IT builds the context with
 * its own engine's CLI ({@link MirroredDockerd} with docker, {@link PrivatePodman} with podman).
 */
final class LocalAptRepository {
  /**
   * The Debian packages the tracer image's {@code apt-get install strace} needs beyond the base.
   */
  static final List<String> TRACER_PACKAGES = List.of("strace", "libunwind8");

  private LocalAptRepository() {}

  /**
   * A build context under {@code work} whose Containerfile rebuilds {@code image} with a {@code
   * file:} apt repository holding {@link #TRACER_PACKAGES} (from this host's apt cache,
   * /var/cache/apt/archives, filled at set-up when empty, before any engine build runs) and apt
   * sources naming only it. Its build needs no network.
   *
   * @return the context folder; its {@code Containerfile} is at its root
   */
  static Path context(Path work, String image) throws Exception {
    Path context = Files.createDirectories(work.resolve("apt-stand-in"));
    Path repo = Files.createDirectories(context.resolve("repo"));
    for (String pkg : TRACER_PACKAGES) {
      fetchDeb(pkg, repo);
    }
    run("sh", "-c", "cd " + repo + " && dpkg-scanpackages -m . /dev/null > Packages");
    Files.writeString(
        context.resolve("sources.list"), "deb [trusted=yes] file:/opt/cclab-apt ./\n");
    Files.writeString(
        context.resolve("Containerfile"),
        String.join(
            "\n",
            "FROM " + image,
            "COPY repo /opt/cclab-apt",
            "COPY sources.list /etc/apt/sources.list",
            "RUN rm -rf /etc/apt/sources.list.d/* /var/lib/apt/lists/*",
            ""));
    return context;
  }

  /**
   * Copies {@code pkg}'s .deb from apt's own cache, fetching it there first when missing ({@code
   * apt-get install --reinstall --download-only}, on this host, at set-up): the next run finds it
   * without a network.
   */
  private static void fetchDeb(String pkg, Path repo) throws Exception {
    Path deb = cachedDeb(pkg);
    if (deb == null) {
      run(
          "sh",
          "-c",
          "DEBIAN_FRONTEND=noninteractive apt-get install -q -y --reinstall --download-only "
              + pkg);
      deb = cachedDeb(pkg);
    }
    if (deb == null) {
      throw new AssertionError("apt-get left no " + pkg + " .deb in /var/cache/apt/archives");
    }
    Files.copy(deb, repo.resolve(deb.getFileName()));
  }

  /** The newest {@code pkg_*_ARCH.deb} in /var/cache/apt/archives, or null. */
  private static Path cachedDeb(String pkg) throws Exception {
    String arch = run("dpkg", "--print-architecture");
    String found =
        run(
            "sh",
            "-c",
            "ls /var/cache/apt/archives/" + pkg + "_*_" + arch + ".deb 2>/dev/null | tail -1");
    return found.isEmpty() ? null : Path.of(found);
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new AssertionError(List.of(cmd) + " failed: " + out);
    }
    return out;
  }
}
