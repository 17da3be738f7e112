package io.containercodes.lab.engine;

import java.io.Closeable;
import java.io.IOException;

/**
 * The engine's one way to close what it is abandoning and to pause between polls: a failure to
 * close a finished stream or an abandoned connection has nothing left to tell anybody.
 */
final class Quietly {
  private Quietly() {}

  static void close(Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // nothing more can be read from it either way
    }
  }

  /**
   * Sleeps; false when interrupted (the interrupt stays set, so the caller's next blocking call
   * sees it too).
   */
  static boolean sleep(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
