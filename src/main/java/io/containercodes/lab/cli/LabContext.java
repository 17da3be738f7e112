package io.containercodes.lab.cli;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineConnector;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a command may use: its streams, the environment it was given (never read behind its back
 * from System.getenv, so tests can set it), and the engine, connected on first use.
 */
public final class LabContext implements AutoCloseable {
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final Map<String, String> env;
  private String hostOverride;
  private boolean systemStreams;
  private Engine engine;

  public LabContext(PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.env = Map.copyOf(env);
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public Map<String, String> env() {
    return env;
  }

  /** True when the streams are the process's own, so a real terminal may be opened on them. */
  public boolean systemStreams() {
    return systemStreams;
  }

  void systemStreams(boolean value) {
    this.systemStreams = value;
  }

  private boolean verbose;
  private int replWidth;

  /**
   * The REPL's window width while it runs a CLI command, for the lines the lab writes itself: the
   * terminal would break a longer one inside a word. Empty outside the REPL, where the lines stay
   * whole for whatever reads them.
   */
  public OptionalInt replWidth() {
    return replWidth > 0 ? OptionalInt.of(replWidth) : OptionalInt.empty();
  }

  void replWidth(int columns) {
    this.replWidth = columns;
  }

  /** --verbose: problems also show the raw text they were made from (the engine's answer). */
  public boolean verbose() {
    return verbose;
  }

  void verbose(boolean value) {
    this.verbose = value;
  }

  void hostOverride(String host) {
    this.hostOverride = host;
  }

  String hostOverride() {
    return hostOverride;
  }

  /**
   * A line about something the lab does on the user's behalf (starting Podman, building an image).
   */
  public void notice(String message) {
    err.println("[cclab] " + message);
    err.flush();
  }

  public synchronized Engine engine() {
    if (engine == null) {
      engine = new EngineConnector(env, hostOverride, this::notice).connect();
    }
    return engine;
  }

  @Override
  public synchronized void close() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
    out.flush();
    err.flush();
  }
}
