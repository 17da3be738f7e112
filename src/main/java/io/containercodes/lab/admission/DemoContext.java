package io.containercodes.lab.admission;

import io.containercodes.lab.engine.RunSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a demo run adds to the lines it admits: the exercise's folder (a learner's answer may write
 * only inside it), this run's scratch copies, its networks, its time limit, and who its containers
 * are: the run's id and its helpers' names on the engine.
 *
 * @param exerciseFolder the folder an exercise line may write in; null outside an exercise
 * @param scratch where scratch assets are copied for this run
 * @param networks each network the demo declares → this run's network of that name
 * @param joinNetwork the network a line without {@code --network} joins in place of the engine's
 *     default (the demo's stand-in for "outside"); null to leave the engine's default
 * @param defaultTimeout the time limit of a line that sets no {@code --timeout}; null for the lab's
 *     default
 * @param runId the run every container of this demo run belongs to; null outside a demo run
 * @param helpers each helper the demo declares → its container's name in this run, which a line's
 *     {@code container:HELPER} join names
 * @param peers each helper container of this run already judged → its spec, by which a join of it
 *     is judged before it runs
 */
public record DemoContext(
    Path exerciseFolder,
    MountRedirect scratch,
    Map<String, String> networks,
    String joinNetwork,
    Duration defaultTimeout,
    String runId,
    Map<String, String> helpers,
    Map<String, RunSpec> peers) {

  /** Outside a demo: nothing added. */
  public static final DemoContext NONE =
      new DemoContext(null, MountRedirect.NONE, Map.of(), null, null, null, Map.of(), Map.of());

  public DemoContext {
    Objects.requireNonNull(scratch, "scratch");
    networks = Map.copyOf(networks);
    helpers = Map.copyOf(helpers);
    peers = Map.copyOf(peers);
  }

  /** A demo run's context: its scratch copies and networks, no exercise, no time limit yet. */
  public static DemoContext of(
      MountRedirect scratch,
      Map<String, String> networks,
      String joinNetwork,
      String runId,
      Map<String, String> helpers) {
    return new DemoContext(null, scratch, networks, joinNetwork, null, runId, helpers, Map.of());
  }

  /** The same context with {@code timeout} for a line that sets none. */
  public DemoContext withDefaultTimeout(Duration timeout) {
    return new DemoContext(
        exerciseFolder, scratch, networks, joinNetwork, timeout, runId, helpers, peers);
  }

  /** The same context for an exercise line, whose writable mounts must stay in {@code folder}. */
  public DemoContext forExercise(Path folder) {
    return new DemoContext(
        folder, scratch, networks, joinNetwork, defaultTimeout, runId, helpers, peers);
  }

  /**
   * The same context with one more of the run's helpers as judged, for the lines judged after it: a
   * join of it is judged by what it was admitted as.
   */
  public DemoContext withPeer(String helper, JudgedRun judged) {
    String name = helpers.get(helper);
    if (name == null) {
      return this;
    }
    Map<String, RunSpec> more = new LinkedHashMap<>(peers);
    more.put(name, judged.spec());
    return new DemoContext(
        exerciseFolder, scratch, networks, joinNetwork, defaultTimeout, runId, helpers, more);
  }
}
