package io.containercodes.lab.demo;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Helper;
import io.containercodes.lab.engine.LabNetwork;
import io.containercodes.lab.engine.Logs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The networks and helpers one demo run created, by the names the demo declares. Closing removes
 * them, helpers first (a network in use cannot go).
 */
final class DemoObjects implements AutoCloseable {
  private final Map<String, LabNetwork> networks = new LinkedHashMap<>();
  private final Map<String, Helper> helpers = new LinkedHashMap<>();

  /** The name of this run's network for one the demo declares: unique to the run. */
  static String networkName(String declared, String suffix) {
    return "cclab-" + declared + "-" + suffix;
  }

  /** Creates the demo's declared network, under this run's name for it, as an internal one. */
  void createNetwork(Engine engine, String declared, String name) {
    networks.put(declared, engine.createNetwork(name, true));
  }

  void addHelper(String name, Helper helper) {
    helpers.put(name, helper);
  }

  boolean hasHelpers() {
    return !helpers.isEmpty();
  }

  boolean hasHelper(String name) {
    return helpers.containsKey(name);
  }

  /** The output of a helper so far; null when the demo has no helper of that name. */
  Logs logsOf(String name) {
    Helper h = helpers.get(name);
    return h == null ? null : h.logs();
  }

  @Override
  public void close() {
    helpers.values().forEach(Helper::close);
    networks.values().forEach(LabNetwork::close);
  }
}
