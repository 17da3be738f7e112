package io.containercodes.lab.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

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

  /**
   * Runs an engine call that creates an object on a thread of its own, and waits for it whatever
   * interrupts arrive meanwhile; the interrupt is set again when it returns. Cut short by an
   * interrupt, the request was still carried out by the engine, after the interrupted run had
   * looked for what to remove: the container or network it made was left behind (measured by
   * ReplInterruptIT: 3 of 50 interrupted REPL demos). Waited for, the object is known, tracked and
   * removed like any other.
   */
  static <T> T complete(Supplier<T> create) {
    FutureTask<T> task = new FutureTask<>(create::get);
    Thread engineCall = new Thread(task, "cclab-engine-create");
    engineCall.setDaemon(true);
    engineCall.start();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

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
