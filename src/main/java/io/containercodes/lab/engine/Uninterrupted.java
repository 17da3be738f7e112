package io.containercodes.lab.engine;

/**
 * Runs the engine's clean-up with the thread's interrupt set aside, and sets it again afterwards.
 *
 * <p>Ctrl-C in the REPL interrupts the thread that runs the demo. Every engine call goes through a
 * {@link java.nio.channels.SocketChannel} (the lab's Unix-socket transport), an interruptible
 * channel: on an interrupted thread it closes at once with {@code ClosedByInterruptException}
 * (java.nio.channels.spi.AbstractInterruptibleChannel). So the kill and the removal that must
 * follow an interrupt failed silently, the container kept running and printing, and it stayed until
 * the lab exited (issue #25.3). The interrupt is restored, so the caller still learns of it.
 */
final class Uninterrupted {
  private Uninterrupted() {}

  static void run(Runnable cleanUp) {
    boolean interrupted = Thread.interrupted();
    try {
      cleanUp.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
