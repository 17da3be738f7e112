package io.containercodes.lab.admission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a demo run adds to the lines it admits: the exercise's folder (a learner's answer may write
 * only inside it), this run's scratch copies, its networks and its time limit.
 *
 * @param exerciseFolder the folder an exercise line may write in; null outside an exercise
 * @param scratch where scratch assets are copied for this run
 * @param networks each network the demo declares → this run's network of that name
 * @param joinNetwork the network a line without {@code --network} joins in place of the engine's
 *     default (the demo's stand-in for "outside"); null to leave the engine's default
 * @param defaultTimeout the time limit of a line that sets no {@code --timeout}; null for the lab's
 *     default
 */
public record DemoContext(
    Path exerciseFolder,
    MountRedirect scratch,
    Map<String, String> networks,
    String joinNetwork,
    Duration defaultTimeout) {

  /** Outside a demo: nothing added. */
  public static final DemoContext NONE =
      new DemoContext(null, MountRedirect.NONE, Map.of(), null, null);

  public DemoContext {
    Objects.requireNonNull(scratch, "scratch");
    networks = Map.copyOf(networks);
  }

  /** The same context with {@code timeout} for a line that sets none. */
  public DemoContext withDefaultTimeout(Duration timeout) {
    return new DemoContext(exerciseFolder, scratch, networks, joinNetwork, timeout);
  }

  /** The same context for an exercise line, whose writable mounts must stay in {@code folder}. */
  public DemoContext forExercise(Path folder) {
    return new DemoContext(folder, scratch, networks, joinNetwork, defaultTimeout);
  }
}
