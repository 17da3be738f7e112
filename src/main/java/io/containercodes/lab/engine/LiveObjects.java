package io.containercodes.lab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The containers this process has running right now. A JVM shutdown hook (Ctrl-C, SIGTERM,
 * normal exit) removes whatever is still listed, so an interrupted run leaves nothing behind;
 * the reaper covers the case where the JVM itself was killed.
 */
final class LiveObjects {
  private final Set<String> containers = ConcurrentHashMap.newKeySet();
  private final Set<String> networks = ConcurrentHashMap.newKeySet();
  private final Consumer<String> remover;
  private final Consumer<String> networkRemover;
  private final Thread hook;

  LiveObjects(Consumer<String> remover, Consumer<String> networkRemover) {
    this.remover = remover;
    this.networkRemover = networkRemover;
    this.hook = new Thread(this::removeAll, "cclab-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  void add(String id) {
    containers.add(id);
  }

  void remove(String id) {
    containers.remove(id);
  }

  void addNetwork(String name) {
    networks.add(name);
  }

  void removeNetwork(String name) {
    networks.remove(name);
  }

  /** Removes every live container, then the networks they were on; safe from the hook and from close(). */
  void removeAll() {
    List<String> ids = new ArrayList<>(containers);
    ids.parallelStream().forEach(id -> {
      try {
        remover.accept(id);
      } catch (RuntimeException ignored) {
        // the engine may be gone already; the next start's reaper finishes the job
      }
      containers.remove(id);
    });
    for (String n : List.copyOf(networks)) {
      try {
        networkRemover.accept(n);
      } catch (RuntimeException ignored) {
        // the reaper retries on the next start
      }
      networks.remove(n);
    }
  }

  void close() {
    removeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // already shutting down: the hook is running or ran
    }
  }
}
