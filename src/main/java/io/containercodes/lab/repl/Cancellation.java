package io.containercodes.lab.repl;

import io.containercodes.lab.LabException;
import io.containercodes.lab.engine.CleanReport;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jline.terminal.Terminal;

/**
 * Ctrl-C during a run (a demo, try, audit, challenge, sandbox) stops that run and not the lab: the
 * thread running it is interrupted, the engine kills and removes what it was running (see {@code
 * engine.Uninterrupted}), and before the prompt returns every container and network this process
 * still owns is removed — found by its owner label, so also one whose creation the interrupt cut
 * short. The line printed says what was removed and what, if anything, is left (issue #25.3).
 */
final class Cancellation {
  private final Terminal terminal;
  private final ShellContext shell;

  Cancellation(Terminal terminal, ShellContext shell) {
    this.terminal = terminal;
    this.shell = shell;
  }

  /** The run's result, or empty when the learner pressed Ctrl-C during it. */
  <T> Optional<T> run(Supplier<T> action) {
    return run(action, () -> {});
  }

  /**
   * As {@link #run(Supplier)}; {@code over} runs as soon as the action has returned or thrown,
   * before anything else is printed (it closes the run's output to the screen).
   */
  <T> Optional<T> run(Supplier<T> action, Runnable over) {
    Thread worker = Thread.currentThread();
    AtomicBoolean cancelled = new AtomicBoolean();
    // one interrupt: a second Ctrl-C must not break the clean-up the first one started
    Terminal.SignalHandler previous =
        terminal.handle(
            Terminal.Signal.INT,
            s -> {
              if (cancelled.compareAndSet(false, true)) {
                worker.interrupt();
              }
            });
    T result = null;
    RuntimeException failure = null;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      over.run();
    }
    boolean stopped = cancelled.get() || Thread.currentThread().isInterrupted();
    Thread.interrupted(); // from here on the engine must be reachable
    if (!stopped) {
      if (failure != null) {
        throw failure;
      }
      return Optional.of(result);
    }
    removeWhatItStarted();
    return Optional.empty();
  }

  private void removeWhatItStarted() {
    Screen screen = shell.screen();
    String cancelled = shell.style().red("✗ cancelled");
    try {
      CleanReport r = shell.engine().removeObjectsOfThisProcess();
      screen.say(cancelled + " — " + removed(r));
    } catch (LabException | IllegalStateException e) {
      screen.say(
          cancelled
              + " — the engine did not answer, so what the run started could not be checked;"
              + " type clean once it answers.");
    }
  }

  /** "stopped and removed 1 container and 1 network; nothing is left running." */
  static String removed(CleanReport r) {
    String what =
        r.containers() + r.networks() == 0
            ? "nothing of the run was left running"
            : "stopped and removed " + count(r.containers(), r.networks()) + " of the run";
    if (r.left() == 0) {
      return what + ".";
    }
    return what
        + "; "
        + count(r.leftContainers(), r.leftNetworks())
        + " could not be removed yet: type clean to try again.";
  }

  private static String count(int containers, int networks) {
    String c = containers + (containers == 1 ? " container" : " containers");
    String n = networks + (networks == 1 ? " network" : " networks");
    if (networks == 0) {
      return c;
    }
    return containers == 0 ? n : c + " and " + n;
  }
}
