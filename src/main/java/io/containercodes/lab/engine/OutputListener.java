package io.containercodes.lab.engine;

/** Receives a container's output and resource use while it runs. */
public interface OutputListener {
  OutputListener IGNORE =
      new OutputListener() {
        @Override
        public void stdout(String text) {}

        @Override
        public void stderr(String text) {}
      };

  void stdout(String text);

  void stderr(String text);

  /** Memory in use now; limit is null when the container has none. */
  default void memory(long usedBytes, Long limitBytes) {}
}
