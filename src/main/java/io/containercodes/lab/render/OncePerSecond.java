package io.containercodes.lab.render;

/**
 * Lets a live line (the memory gauge) through at most once a second, however often samples come.
 */
public final class OncePerSecond {
  private static final long SECOND_NANOS = 1_000_000_000L;
  private long last;

  /** True, and starts a new second, when a second has passed since the last true. */
  public synchronized boolean due() {
    long now = System.nanoTime();
    if (last != 0 && now - last < SECOND_NANOS) {
      return false;
    }
    last = now;
    return true;
  }
}
