package io.containercodes.lab.images;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.host.PackageInstaller;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The host's statically linked busybox: the whole of the lab's busybox image, and the toolbox the
 * audit lends a container whose image may have no shell at all.
 */
public final class HostBusybox {
  private static final List<Path> CANDIDATES =
      List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

  private HostBusybox() {}

  public static Optional<Path> find() {
    return CANDIDATES.stream().filter(StaticBinary::isStaticElf).findFirst();
  }

  /** The static busybox, installed first when the lab may install packages. */
  public static Path require(PackageInstaller installer, String why) {
    return find()
        .orElseGet(
            () -> {
              installer.install(why + ", and the host has no static busybox", "busybox-static");
              return find()
                  .orElseThrow(
                      () ->
                          new EnvironmentProblem(
                              "busybox-static was installed but no static busybox is at"
                                  + " /bin/busybox.",
                              null));
            });
  }

  static boolean canProvide(PackageInstaller installer) {
    return find().isPresent() || installer.mayInstall();
  }
}
