package io.containercodes.lab.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name, read without a DNS lookup (which may hang on a closed network). */
final class HostName {
  private static final String NAME = read();

  private HostName() {}

  static String get() {
    return NAME;
  }

  private static String read() {
    try {
      String s = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!s.isEmpty()) {
        return s;
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux: fall through
    }
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
