package io.containercodes.lab.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A running helper container (a canary server, a demo's service): closing it removes it, so callers
 * hold it in try-with-resources. What the run never closes, the shutdown hook removes.
 */
public final class Helper implements AutoCloseable {
  /** How often {@link #awaitLogs} looks again: a helper logs within milliseconds of an event. */
  private static final long POLL_MS = 100;

  private final Backend helpers;
  private final String id;
  private boolean closed;
  private HostCopies.Copied copies;

  /** What runs a helper: a single engine's containers ({@link Helpers}) or a swarm's services. */
  interface Backend {
    Logs logs(String id);

    Exit awaitExit(String id, Duration within);

    Optional<String> addressOf(String id);

    void stop(String id);
  }

  Helper(Backend helpers, String id) {
    this.helpers = helpers;
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Its output so far. */
  public Logs logs() {
    return helpers.logs(id);
  }

  /**
   * Reads its output until {@code ready} accepts it or {@code within} has passed, and returns the
   * last read either way.
   */
  public Logs awaitLogs(Predicate<Logs> ready, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Logs logs = logs();
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (ready.test(logs) || left <= 0 || !Quietly.sleep(Math.min(POLL_MS, left))) {
        return logs;
      }
    }
  }

  /**
   * Waits up to {@code within} for it to end by itself (killing it when it has not by then), and
   * says how it ended, as the engine recorded it.
   */
  public Exit awaitExit(Duration within) {
    return helpers.awaitExit(id, within);
  }

  /**
   * How a helper ended.
   *
   * @param exitCode its main process's exit status as the engine recorded it (137: SIGKILL)
   * @param timedOut it was still running when the wait ended, and was killed
   * @param oomKilled the engine says the memory limit killed it
   */
  public record Exit(int exitCode, boolean timedOut, boolean oomKilled) {}

  /** Its IPv4 address on one of its networks; empty when it has none. */
  public Optional<String> address() {
    return helpers.addressOf(id);
  }

  /**
   * This helper with the copies of the lab's folders it mounts ({@link HostCopies}): read back and
   * removed when it is closed; a helper the run never closes leaves them to the stale-object
   * reaper.
   */
  Helper keeping(HostCopies.Copied copied) {
    if (copied != null) {
      copies = copied;
    }
    return this;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      helpers.stop(id);
      if (copies != null) {
        try {
          copies.readBack(); // what it wrote into the lab's folders (a tracer's trace)
        } finally {
          Quietly.close(copies);
        }
      }
    }
  }
}
