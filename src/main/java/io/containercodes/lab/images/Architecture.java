package io.containercodes.lab.images;

/** The OCI name of this machine's CPU architecture. */
final class Architecture {
  private Architecture() {}

  static String current() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }
}
