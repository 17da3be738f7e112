package io.containercodes.lab.repl;

import io.containercodes.lab.check.CheckResult;
import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.demo.DemoRunner;
import java.util.List;

/**
 * Passes a run's events to the screen until the run is over, and nothing after: output the engine
 * delivers late, on its own thread, must never land after the next prompt (issue #25.3). {@link
 * #close} waits for an event being printed to finish.
 */
final class ClosingListener implements DemoRunner.Listener, AutoCloseable {
  private final DemoRunner.Listener screen;
  private boolean closed;

  ClosingListener(DemoRunner.Listener screen) {
    this.screen = screen;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  @Override
  public synchronized void stdout(String text) {
    if (!closed) {
      screen.stdout(text);
    }
  }

  @Override
  public synchronized void stderr(String text) {
    if (!closed) {
      screen.stderr(text);
    }
  }

  @Override
  public synchronized void memory(long usedBytes, Long limitBytes) {
    if (!closed) {
      screen.memory(usedBytes, limitBytes);
    }
  }

  @Override
  public synchronized void step(Demo.Step step, String line) {
    if (!closed) {
      screen.step(step, line);
    }
  }

  @Override
  public synchronized void helper(Demo.Helper helper, String line) {
    if (!closed) {
      screen.helper(helper, line);
    }
  }

  @Override
  public synchronized void notice(String text) {
    if (!closed) {
      screen.notice(text);
    }
  }

  @Override
  public synchronized void result(Demo.Step step, List<CheckResult> results) {
    if (!closed) {
      screen.result(step, results);
    }
  }
}
