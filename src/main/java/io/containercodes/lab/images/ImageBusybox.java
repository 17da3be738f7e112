package io.containercodes.lab.images;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.ImageDetails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The static busybox of the lab's busybox image, as a file on this machine: the toolbox the audit
 * and the challenge lend a container whose image may have no shell. Taken from the image (not the
 * host's /bin/busybox), so every host probes with the same tools, and a host without a static
 * busybox (macOS, Fedora, a rootless learner's laptop) can audit. Kept by image id: a rebuilt image
 * gives a new copy.
 */
final class ImageBusybox {
  private ImageBusybox() {}

  static Path copy(Engine engine, Path cacheDir) {
    ImageDetails image =
        engine
            .inspectImage(ImageCatalog.BUSYBOX.reference())
            .orElseThrow(
                () ->
                    new EnvironmentProblem(
                        ImageCatalog.BUSYBOX.name() + " is not on this engine.", null));
    String id = image.id().replaceFirst("^sha256:", "");
    Path target =
        cacheDir.resolve("busybox-of-image-" + id.substring(0, Math.min(16, id.length())));
    if (Files.isRegularFile(target) && StaticBinary.isStaticElf(target)) {
      return target;
    }
    try {
      Files.createDirectories(cacheDir);
      Path part = Files.createTempFile(cacheDir, "busybox-", ".part");
      Files.write(part, engine.readImageFile(ImageCatalog.BUSYBOX.reference(), "/bin/busybox"));
      Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rwxr-xr-x"));
      if (!StaticBinary.isStaticElf(part)) {
        Files.delete(part);
        throw new EnvironmentProblem(
            "The busybox of "
                + ImageCatalog.BUSYBOX.name()
                + " is not a static 64-bit executable, so it cannot run in another image.",
            "Rebuild the image: cclab clean --images, then cclab images prepare cclab/busybox.");
      }
      return Files.move(
          part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Cannot keep the busybox of "
              + ImageCatalog.BUSYBOX.name()
              + " in "
              + cacheDir
              + ": "
              + e.getMessage(),
          null,
          e);
    }
  }
}
