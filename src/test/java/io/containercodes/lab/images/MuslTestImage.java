package io.containercodes.lab.images;

import io.containercodes.lab.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An Alpine-like image built offline for tests: Debian's {@code musl} package (its libc, which is
 * also its dynamic loader, at /lib/ld-musl-*.so.1) and the host's static busybox, no glibc at all.
 * No registry is reachable here, so it is built from the host's apt mirror, like the lab's own
 * Python image. About 3 MB; the caller removes it.
 */
public final class MuslTestImage {
  public static final String REFERENCE = "localhost/cclab-test/musl:latest";
  private static final List<String> APPLETS =
      List.of(
          "sh",
          "cat",
          "cp",
          "echo",
          "find",
          "grep",
          "mkdir",
          "nc",
          "nslookup",
          "true",
          "unshare",
          "ls",
          "rm",
          "sleep");

  private MuslTestImage() {}

  /** Builds and loads the image; returns the musl loader's path inside it. */
  public static String build(Engine engine, Path busybox) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("cclab-musl-");
    try {
      try {
        run(work, "apt-get", "download", "musl");
      } catch (IOException noLists) {
        run(work, "apt-get", "update", "-q"); // a fresh machine may have no package lists yet
        run(work, "apt-get", "download", "musl");
      }
      Path deb;
      try (var files = Files.list(work)) {
        deb =
            files
                .filter(f -> f.getFileName().toString().endsWith(".deb"))
                .findFirst()
                .orElseThrow(() -> new IOException("apt-get download musl gave no .deb"));
      }
      run(work, "dpkg-deb", "-x", deb.toString(), "root");
      Path libc;
      try (var files = Files.walk(work.resolve("root"))) {
        libc =
            files
                .filter(f -> f.getFileName().toString().equals("libc.so"))
                .findFirst()
                .orElseThrow(() -> new IOException("the musl package has no libc.so"));
      }
      String loader =
          "lib/ld-musl-"
              + (Architecture.current().equals("arm64") ? "aarch64" : "x86_64")
              + ".so.1";
      ImageArchive.Layer layer = new ImageArchive.Layer();
      for (String d :
          List.of(
              "bin", "etc", "lib", "proc", "sys", "dev", "usr", "usr/bin", "root", "home", "var")) {
        layer.dir(d, d.equals("root") ? 0700 : 0755, 0);
      }
      layer.dir("tmp", 01777, 0).dir("home/lab", 0755, 1000);
      layer.file(loader, 0755, Files.readAllBytes(libc));
      layer.file("bin/busybox", 0755, Files.readAllBytes(busybox));
      for (String a : APPLETS) {
        layer.symlink("bin/" + a, "busybox");
      }
      layer.file(
          "etc/os-release",
          0644,
          "ID=alpine-like\nNAME=\"musl test image\"\n".getBytes(StandardCharsets.UTF_8));
      layer.file(
          "etc/passwd",
          0644,
          """
          root:x:0:0:root:/root:/bin/sh
          lab:x:1000:1000:lab:/home/lab:/bin/sh
          nobody:x:65534:65534:nobody:/nonexistent:/bin/false
          """
              .getBytes(StandardCharsets.UTF_8));
      Path layerFile = Files.write(work.resolve("layer.tar"), layer.finish());
      Path archive = work.resolve("image.tar");
      try (var out = Files.newOutputStream(archive)) {
        ImageArchive.write(
            layerFile,
            new ImageArchive.Config(
                REFERENCE,
                Architecture.current(),
                List.of("PATH=/usr/bin:/bin"),
                List.of("sh"),
                Map.of("io.containercodes.lab.test", "musl"),
                "cclab tests: musl libc and busybox"),
            out);
      }
      try (InputStream in = Files.newInputStream(archive)) {
        engine.loadImage(in);
      }
      return "/" + loader;
    } finally {
      io.containercodes.lab.host.FileTrees.deleteQuietly(work);
    }
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }
}
