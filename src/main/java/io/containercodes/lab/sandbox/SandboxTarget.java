package io.containercodes.lab.sandbox;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.images.ImageCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The script, the image it runs in and the command that runs it.
 *
 * @param image the image as named (the admission resolves a lab image's local name)
 * @param labImage one of the lab's own images, which have the user 1000
 * @param program the command, run in /work, where the script's copy is
 */
record SandboxTarget(Path file, String name, String image, boolean labImage, List<String> program) {

  /** Where the script is mounted read-only; the wrapper copies it to /work. */
  static final String INPUT = "/sandbox/in/";

  private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

  static SandboxTarget of(SandboxOptions o) {
    Path file = o.file().toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new InvalidInput(o.file() + " is not a file.", "Give the path of the script to run.");
    }
    String image = o.image() != null ? o.image() : imageFor(file);
    if (image == null) {
      throw new InvalidInput(
          "The lab does not know what runs " + file.getFileName() + ".",
          "Choose an image: --image cclab/python (for Python) or --image cclab/busybox (for sh).");
    }
    List<String> program = new ArrayList<>(interpreter(file));
    program.addAll(o.args());
    return new SandboxTarget(
        file, file.getFileName().toString(), image, ImageCatalog.find(image).isPresent(), program);
  }

  /**
   * The image a file's type calls for, or null when the user must choose: .py runs in cclab/python,
   * .sh and static programs (ELF) in cclab/busybox.
   */
  static String imageFor(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".py")) {
      return ImageCatalog.PYTHON.name();
    }
    if (name.endsWith(".sh") || isProgram(file)) {
      return ImageCatalog.BUSYBOX.name();
    }
    return null;
  }

  /** A compiled program (an ELF file), run as it is rather than by an interpreter. */
  static boolean isProgram(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(4), ELF);
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> interpreter(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".py")) {
      return List.of("python3", "/work/" + name);
    }
    if (isProgram(file)) {
      // /work is mounted noexec: a program runs from its read-only mount
      return List.of(INPUT + name);
    }
    return List.of("sh", "/work/" + name);
  }
}
