package io.containercodes.lab.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The containers, networks and volumes this process has right now. A JVM shutdown hook (Ctrl-C,
 * SIGTERM, normal exit) removes them, so an interrupted run leaves nothing behind; the reaper
 * covers the case where the JVM itself was killed.
 *
 * <p>Ctrl-C lands at any moment, also while the engine is creating an object whose id the lab does
 * not know yet (measured: 9 of 25 interrupted helper demos left a container or a network). So
 * creations go through {@link #create}: once shutdown starts no new one begins, the hook waits for
 * those under way to return, and then it also removes every object the engine lists under this
 * process's owner label — whatever the bookkeeping missed. An interrupt (Ctrl-C in the REPL) does
 * not cut a creation short either: it completes, and is known (see {@link Uninterrupted#complete}).
 */
final class LiveObjects {
  private static final long IN_FLIGHT_WAIT_MS = 5_000;

  /** Every instance not closed yet: what {@link #awaitShutdownCleanup} waits for. */
  private static final Set<LiveObjects> OPEN = ConcurrentHashMap.newKeySet();

  private final Set<String> containers = ConcurrentHashMap.newKeySet();
  private final Set<String> networks = ConcurrentHashMap.newKeySet();
  private final Set<String> volumes = ConcurrentHashMap.newKeySet();
  private final Consumer<String> remover;
  private final Consumer<String> networkRemover;
  private final Consumer<String> volumeRemover;
  private final Supplier<Owned> owned;
  private final Thread hook;
  private volatile boolean closing;
  private int inFlight;
  private final java.util.concurrent.CountDownLatch cleaned =
      new java.util.concurrent.CountDownLatch(1);

  /** What the engine lists under this process's owner label. */
  record Owned(List<String> containers, List<String> networks, List<String> volumes) {}

  LiveObjects(
      Consumer<String> remover,
      Consumer<String> networkRemover,
      Consumer<String> volumeRemover,
      Supplier<Owned> owned) {
    this.remover = remover;
    this.networkRemover = networkRemover;
    this.volumeRemover = volumeRemover;
    this.owned = owned;
    this.hook = new Thread(this::shutdown, "cclab-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    OPEN.add(this);
  }

  /**
   * Waits (at most {@code millis}) until the hook of every instance still open has stopped new
   * creations, seen those under way return and removed what it knew: from then on, the engine
   * creates nothing for this process (a missing {@code -v} source included). For another shutdown
   * hook that removes files the lab mounts into containers.
   */
  static void awaitShutdownCleanup(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    for (LiveObjects l : List.copyOf(OPEN)) {
      try {
        l.cleaned.await(
            Math.max(0, deadline - System.currentTimeMillis()),
            java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Runs an engine call that creates a container and tracks what it made, even if shutdown starts
   * or the thread is interrupted meanwhile.
   */
  String createContainer(Supplier<String> create) {
    return create(create, containers);
  }

  String createNetwork(Supplier<String> create) {
    return create(create, networks);
  }

  /** A volume of the lab's copies of host folders (HostCopies), removed after the containers. */
  String createVolume(Supplier<String> create) {
    return create(create, volumes);
  }

  private String create(Supplier<String> create, Set<String> into) {
    synchronized (this) {
      if (closing) {
        throw new LabStopping();
      }
      inFlight++;
    }
    try {
      String id = Uninterrupted.complete(create);
      into.add(id);
      return id;
    } finally {
      synchronized (this) {
        inFlight--;
        notifyAll();
      }
    }
  }

  void add(String id) {
    containers.add(id);
  }

  void remove(String id) {
    containers.remove(id);
  }

  void removeNetwork(String name) {
    networks.remove(name);
  }

  void removeVolume(String name) {
    volumes.remove(name);
  }

  /** Forgets every object: the caller removed all of this process's objects by their label. */
  void forgetAll() {
    containers.clear();
    networks.clear();
    volumes.clear();
  }

  /**
   * The hook: no new objects, wait for creations under way, remove what is known and what is
   * labelled ours.
   */
  void shutdown() {
    try {
      synchronized (this) {
        closing = true;
        long deadline = System.currentTimeMillis() + IN_FLIGHT_WAIT_MS;
        while (inFlight > 0 && System.currentTimeMillis() < deadline) {
          try {
            wait(Math.max(1, deadline - System.currentTimeMillis()));
          } catch (InterruptedException e) {
            break;
          }
        }
      }
      removeAll();
    } finally {
      cleaned.countDown();
    }
  }

  /**
   * Removes every live container, then the networks they were on and the volumes they mounted; safe
   * from the hook and from close().
   */
  void removeAll() {
    Set<String> ids = new LinkedHashSet<>(containers);
    Set<String> nets = new LinkedHashSet<>(networks);
    Set<String> vols = new LinkedHashSet<>(volumes);
    if (closing) {
      try {
        Owned o = owned.get();
        ids.addAll(o.containers());
        nets.addAll(o.networks());
        vols.addAll(o.volumes());
      } catch (RuntimeException ignored) {
        // the engine may be gone already; the next start's reaper finishes the job
      }
    }
    // in parallel, then once more one by one for those the engine refused: Podman will not remove
    // a container whose namespace another one joined (the sandbox's tracer) before that one
    Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    new ArrayList<>(ids).parallelStream().forEach(id -> removeQuietly(id, refused));
    List.copyOf(refused).forEach(id -> removeQuietly(id, null));
    removeEach(nets, networkRemover, networks);
    removeEach(vols, volumeRemover, volumes);
  }

  private static void removeEach(Set<String> names, Consumer<String> remover, Set<String> from) {
    for (String n : names) {
      try {
        remover.accept(n);
      } catch (RuntimeException ignored) {
        // the reaper retries on the next start
      }
      from.remove(n);
    }
  }

  private void removeQuietly(String id, Set<String> refused) {
    try {
      remover.accept(id);
    } catch (RuntimeException e) {
      if (refused != null) {
        refused.add(id);
        return;
      }
      // the engine may be gone already; the next start's reaper finishes the job
    }
    containers.remove(id);
  }

  void close() {
    removeAll();
    OPEN.remove(this);
    cleaned.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // already shutting down: the hook is running or ran
    }
  }
}
