package io.containercodes.lab.engine;

import java.util.Map;
import java.util.Optional;

/**
 * The engine's record of another container, for judging a {@code container:NAME} join by its
 * target: what the target itself has of the host is what the joining container gets.
 */
interface ContainerLookup {
  /** A container as the engine records it: its id, its labels, its configuration as a spec. */
  record Target(String id, Map<String, String> labels, RunSpec config) {}

  /**
   * @return empty when the engine has no such container
   * @throws NoEngine when no engine is connected to ask (only planned peers are known)
   * @throws RuntimeException when the engine cannot say
   */
  Optional<Target> find(String nameOrId);

  /**
   * Before the lab is connected to an engine: a join of anything but a planned peer needs consent.
   */
  final class NoEngine extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoEngine() {
      super(null, null, false, false);
    }
  }
}
