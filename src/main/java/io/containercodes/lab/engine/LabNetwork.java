package io.containercodes.lab.engine;

/**
 * A labelled network of the lab's own: closing it removes it, so callers hold it in
 * try-with-resources. What the run never closes, the shutdown hook removes.
 */
public final class LabNetwork implements AutoCloseable {
  private final java.util.function.Consumer<String> remover;
  private final String name;
  private boolean closed;

  /**
   * @param remover removes the network by its name (a single engine's, or a swarm's)
   */
  LabNetwork(java.util.function.Consumer<String> remover, String name) {
    this.remover = remover;
    this.name = name;
  }

  /** The name containers join it by ({@link RunSpec.Builder#network}). */
  public String name() {
    return name;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      remover.accept(name);
    }
  }
}
