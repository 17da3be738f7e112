package io.containercodes.lab.engine;

/**
 * A labelled network of the lab's own: closing it removes it, so callers hold it in
 * try-with-resources. What the run never closes, the shutdown hook removes.
 */
public final class LabNetwork implements AutoCloseable {
  private final Networks networks;
  private final String name;
  private boolean closed;

  LabNetwork(Networks networks, String name) {
    this.networks = networks;
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
      networks.remove(name);
    }
  }
}
