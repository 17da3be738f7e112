package io.containercodes.lab.images;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.host.PackageInstaller;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code cclab/busybox}: the host's static busybox in an otherwise empty root filesystem, with one
 * symlink per applet, a root and an unprivileged {@code lab} user (uid 1000), and a world-writable
 * /tmp. About 2 MB, built in well under a second.
 */
final class BusyboxRecipe implements ImageRecipe {
  /** Bump when the rootfs layout below changes. */
  private static final String LAYOUT_VERSION = "busybox-rootfs-1";

  private final PackageInstaller installer;
  private Path binary;
  private byte[] content;

  private final FileHashMemo memo;

  /**
   * @param memo where the binary's hash is kept between runs (see {@link FileHashMemo}); null to
   *     compute it every time
   */
  BusyboxRecipe(PackageInstaller installer, Path memo) {
    this.installer = installer;
    this.memo = memo == null ? null : new FileHashMemo(memo);
  }

  @Override
  public String description() {
    return "from the host's static busybox";
  }

  @Override
  public boolean canBuildHere() {
    return HostBusybox.canProvide(installer);
  }

  @Override
  public boolean canHashHere() {
    return HostBusybox.find().isPresent();
  }

  @Override
  public String missingTool() {
    return "this machine has no static busybox (/bin/busybox), and the lab may not install"
        + " packages ("
        + PackageInstaller.OPT_IN
        + "=1 as root lets it)";
  }

  @Override
  public String hash() {
    java.util.Optional<Path> found = memo == null ? java.util.Optional.empty() : HostBusybox.find();
    String binaryHash =
        found.isPresent()
            ? memo.get(found.get(), () -> ImageArchive.sha256(binary()))
            : ImageArchive.sha256(binary());
    return ImageArchive.sha256((LAYOUT_VERSION + binaryHash).getBytes(StandardCharsets.UTF_8))
        .substring(0, 16);
  }

  private byte[] binary() {
    if (content == null) {
      binary =
          HostBusybox.require(
              installer, "the lab builds its busybox image from the host's static busybox");
      try {
        content = Files.readAllBytes(binary);
      } catch (IOException e) {
        throw new EnvironmentProblem("Cannot read " + binary + ": " + e.getMessage(), null, e);
      }
    }
    return content;
  }

  @Override
  public Path build(String reference, Map<String, String> labels, Path workDir) throws IOException {
    byte[] busybox = binary();
    ImageArchive.Layer layer = new ImageArchive.Layer();
    for (String d :
        List.of("bin", "etc", "proc", "sys", "dev", "usr", "usr/bin", "root", "home", "var")) {
      layer.dir(d, d.equals("root") ? 0700 : 0755, 0);
    }
    layer.dir("tmp", 01777, 0).dir("home/lab", 0755, 1000);
    layer.file("bin/busybox", 0755, busybox);
    for (String applet : applets()) {
      if (!applet.equals("busybox")) {
        layer.symlink("bin/" + applet, "busybox");
      }
    }
    layer.symlink("usr/bin/env", "/bin/busybox");
    layer.file(
        "etc/passwd",
        0644,
        """
        root:x:0:0:root:/root:/bin/sh
        lab:x:1000:1000:lab:/home/lab:/bin/sh
        nobody:x:65534:65534:nobody:/nonexistent:/bin/false
        """
            .getBytes(StandardCharsets.UTF_8));
    layer.file(
        "etc/group",
        0644,
        "root:x:0:\nlab:x:1000:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8));
    Path layerFile = Files.write(workDir.resolve("layer.tar"), layer.finish());
    Path archive = workDir.resolve("image.tar");
    try (OutputStream out = Files.newOutputStream(archive)) {
      ImageArchive.write(
          layerFile,
          new ImageArchive.Config(
              reference,
              Architecture.current(),
              List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
              List.of("sh"),
              labels,
              "cclab images: " + description()),
          out);
    }
    Files.delete(layerFile);
    return archive;
  }

  /** The applets this busybox was built with, as it lists them itself. */
  private List<String> applets() {
    try {
      Process p = new ProcessBuilder(binary.toString(), "--list").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new EnvironmentProblem(binary + " --list failed: " + out.strip(), null);
      }
      TreeSet<String> names = new TreeSet<>(Arrays.asList(out.split("\\s+")));
      names.removeIf(n -> n.isBlank() || n.contains("/"));
      return List.copyOf(names);
    } catch (IOException e) {
      throw new EnvironmentProblem("Cannot run " + binary + ": " + e.getMessage(), null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnvironmentProblem("Interrupted while listing busybox applets.", null, e);
    }
  }
}
