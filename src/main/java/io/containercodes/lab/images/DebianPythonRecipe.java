package io.containercodes.lab.images;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.host.AptSource;
import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code cclab/python}: a minimal Debian (debootstrap --variant=minbase) of the host's own release
 * and mirror with python3, pip and CA certificates; docs, man pages, locales and apt lists
 * stripped; an unprivileged {@code lab} user (uid 1000). Measured here: 82 s and 153 MB. pip's
 * "externally managed" marker is removed: the image is a throwaway sandbox, and lessons install
 * packages into it on purpose.
 */
final class DebianPythonRecipe implements ImageRecipe {
  private static final String LAYOUT_VERSION = "debian-python-1";
  private static final String PACKAGES = "python3-minimal,python3-pip,ca-certificates";
  private static final List<String> STRIP =
      List.of(
          "usr/share/doc",
          "usr/share/man",
          "usr/share/info",
          "usr/share/locale",
          "var/lib/apt/lists",
          "var/cache/apt",
          "var/log");

  private final PackageInstaller installer;
  private final HostFacts host;
  private final Executables exe;
  private final Consumer<String> progress;

  DebianPythonRecipe(
      PackageInstaller installer, HostFacts host, Executables exe, Consumer<String> progress) {
    this.installer = installer;
    this.host = host;
    this.exe = exe;
    this.progress = progress;
  }

  private AptSource source() {
    return AptSource.forHost()
        .orElseThrow(
            () ->
                new EnvironmentProblem(
                    "cclab/python is built from this machine's Debian or Ubuntu package archive,"
                        + " and no apt source was found.",
                    "On another distribution, pull it on a connected machine or load a bundle:"
                        + " cclab images load FILE"));
  }

  @Override
  public String description() {
    return "with debootstrap from this machine's package archive (about a minute and a half)";
  }

  @Override
  public String whyNotHere() {
    if (!host.root()) {
      return "building it needs root (debootstrap creates device nodes and chroots), and the lab"
          + " runs as "
          + System.getProperty("user.name");
    }
    return AptSource.forHost().isPresent()
        ? null
        : "it is built from a Debian or Ubuntu package archive, and this machine has no apt source";
  }

  @Override
  public boolean canHashHere() {
    return AptSource.forHost().isPresent();
  }

  @Override
  public String missingTool() {
    return "debootstrap is not installed, and the lab may not install packages ("
        + PackageInstaller.OPT_IN
        + "=1 as root lets it)";
  }

  @Override
  public boolean canBuildHere() {
    return host.root()
        && AptSource.forHost().isPresent()
        && (exe.has("debootstrap") || installer.mayInstall());
  }

  @Override
  public String hash() {
    AptSource s = source();
    return ImageArchive.sha256(
            (LAYOUT_VERSION + s.mirror() + s.suite() + PACKAGES).getBytes(StandardCharsets.UTF_8))
        .substring(0, 16);
  }

  @Override
  public Path build(String reference, Map<String, String> labels, Path workDir) throws IOException {
    if (!host.root()) {
      throw new EnvironmentProblem(
          "Building cclab/python needs root (debootstrap creates device nodes and chroots).",
          "Let the lab build it on the engine (cclab images prepare cclab/python, pulling allowed),"
              + " or load a bundle: cclab images load FILE");
    }
    if (!exe.has("debootstrap")) {
      installer.install(
          "the lab builds its Python image with debootstrap, which is not installed",
          "debootstrap");
    }
    AptSource source = source();
    Path rootfs = workDir.resolve("rootfs");
    try {
      run(
          List.of(
              exe.find("debootstrap").orElseThrow().toString(),
              "--variant=minbase",
              "--include=" + PACKAGES,
              source.suite(),
              rootfs.toString(),
              source.mirror()),
          workDir.resolve("debootstrap.log"));
      strip(rootfs);
      return archive(reference, labels, workDir, rootfs, source);
    } finally {
      unmountUnder(rootfs);
      FileTrees.delete(rootfs);
    }
  }

  /** The rootfs as one layer, written as a docker-archive the engines load. */
  private Path archive(
      String reference, Map<String, String> labels, Path workDir, Path rootfs, AptSource source)
      throws IOException {
    Path layer = workDir.resolve("layer.tar");
    run(
        List.of(
            "tar",
            "--numeric-owner",
            "--exclude=./dev/*",
            "--exclude=./proc/*",
            "--exclude=./sys/*",
            "-C",
            rootfs.toString(),
            "-cf",
            layer.toString(),
            "."),
        workDir.resolve("tar.log"));
    Path archive = workDir.resolve("image.tar");
    try (OutputStream out = Files.newOutputStream(archive)) {
      ImageArchive.write(
          layer,
          new ImageArchive.Config(
              reference,
              Architecture.current(),
              List.of(
                  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                  "LANG=C.UTF-8"),
              List.of("python3"),
              labels,
              "cclab images: debootstrap " + source.suite() + " + " + PACKAGES),
          out);
    }
    Files.delete(layer);
    return archive;
  }

  /**
   * A failed debootstrap can leave /proc or /sys mounted in the rootfs; never delete through them.
   */
  private static void unmountUnder(Path rootfs) {
    try {
      List<String> mounts = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
        String[] f = line.split(" ", 0);
        if (f.length > 1 && (f[1].equals(rootfs.toString()) || f[1].startsWith(rootfs + "/"))) {
          mounts.add(f[1]);
        }
      }
      mounts.sort(Comparator.reverseOrder());
      for (String m : mounts) {
        new ProcessBuilder("umount", "-l", m).inheritIO().start().waitFor();
      }
    } catch (IOException e) {
      // nothing mounted that we can see
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void strip(Path rootfs) throws IOException {
    for (String dir : STRIP) {
      Path p = rootfs.resolve(dir);
      if (Files.isDirectory(p)) {
        try (Stream<Path> children = Files.list(p)) {
          for (Path c : children.toList()) {
            FileTrees.delete(c);
          }
        }
      }
    }
    try (Stream<Path> pythons = Files.list(rootfs.resolve("usr/lib"))) {
      for (Path p :
          pythons.filter(x -> x.getFileName().toString().startsWith("python3")).toList()) {
        Files.deleteIfExists(p.resolve("EXTERNALLY-MANAGED"));
      }
    }
    Files.writeString(
        rootfs.resolve("etc/passwd"),
        "lab:x:1000:1000:lab:/home/lab:/bin/sh\n",
        StandardOpenOption.APPEND);
    Files.writeString(rootfs.resolve("etc/group"), "lab:x:1000:\n", StandardOpenOption.APPEND);
    Path home = Files.createDirectories(rootfs.resolve("home/lab"));
    Files.setAttribute(home, "unix:uid", 1000);
    Files.setAttribute(home, "unix:gid", 1000);
  }

  /** Runs a build step; debootstrap's "I: Retrieving…" phases are passed on as progress. */
  private void run(List<String> command, Path log) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> tail = new ArrayList<>();
    java.util.Set<String> seenPhases = new java.util.HashSet<>();
    long t0 = System.nanoTime();
    long lastShown = 0;
    try (BufferedReader r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        OutputStream logOut = Files.newOutputStream(log)) {
      String line;
      while ((line = r.readLine()) != null) {
        logOut.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        tail.add(line);
        if (tail.size() > 12) {
          tail.remove(0);
        }
        if (line.startsWith("I: ")) {
          // a line per new phase (Retrieving, Extracting, Configuring…) and a heartbeat every 15 s
          long seconds = (System.nanoTime() - t0) / 1_000_000_000;
          if (seenPhases.add(line.substring(3).split(" ", 0)[0]) || seconds - lastShown >= 15) {
            lastShown = seconds;
            progress.accept(String.format("  %3d s  %s", seconds, line.substring(3)));
          }
        }
      }
    }
    try {
      int rc = p.waitFor();
      if (rc != 0) {
        throw new EnvironmentProblem(
            command.get(0) + " failed with status " + rc + ":\n    " + String.join("\n    ", tail),
            "Check that this machine reaches its package mirror (apt-get update), then retry; or"
                + " load a bundle.");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EnvironmentProblem("Interrupted while building cclab/python.", null, e);
    }
  }
}
