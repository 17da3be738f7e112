package io.containercodes.lab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the sandbox's strace comes from. The host's, lent to the sidecar ({@link TracerKit}), is
 * the fast path: nothing to build or pull. It runs only where the engine runs binaries of its
 * architecture: an engine in a VM (a Mac's, or one emulating another CPU) does not run a Linux
 * strace of the host's, and a Mac has none to lend. Everywhere else the tracer comes from the lab's
 * tracer image (cclab/tracer: Debian's strace, built on the engine).
 */
final class TracerSource {
  private TracerSource() {}

  /**
   * The choice.
   *
   * @param hostKit the host's strace is lent
   * @param why why the host's is not, as a clause; null when it is
   */
  record Choice(boolean hostKit, String why) {}

  /**
   * @param hostStraceArch the OCI architecture of the host's strace, or null when it has none
   * @param engineArch the engine's, or null when it did not say: the host's is then tried, as
   *     before the engine was asked, and a tracer that cannot start is reported as such
   */
  static Choice choose(String hostStraceArch, String engineArch) {
    if (hostStraceArch == null) {
      return new Choice(false, "the host has no strace");
    }
    if (engineArch != null && !engineArch.equals(hostStraceArch)) {
      return new Choice(
          false,
          "the host's strace is for "
              + hostStraceArch
              + " and the engine runs "
              + engineArch
              + " containers");
    }
    return new Choice(true, null);
  }

  /** This machine's architecture, as the JVM names it, in OCI spelling. */
  static String hostArchitecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  /**
   * The OCI architecture of an ELF executable, from its header's {@code e_machine}; null for a file
   * that is not one (a script, an empty file hiding the tool) or of an unknown machine.
   */
  static String elfArchitecture(Path file) {
    byte[] h = new byte[20];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(h, 0, h.length) < h.length) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    return elfArchitecture(h);
  }

  static String elfArchitecture(byte[] h) {
    if (h.length < 20 || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
      return null;
    }
    boolean little = h[5] == 1;
    int machine =
        little ? (h[18] & 0xff) | (h[19] & 0xff) << 8 : (h[19] & 0xff) | (h[18] & 0xff) << 8;
    boolean wide = h[4] == 2;
    return switch (machine) {
      case 0x3e -> "amd64";
      case 0xb7 -> "arm64";
      case 0x03 -> "386";
      case 0x28 -> "arm";
      case 0xf3 -> wide ? "riscv64" : null;
      case 0x15 -> little ? "ppc64le" : "ppc64";
      case 0x16 -> "s390x";
      default -> null;
    };
  }
}
