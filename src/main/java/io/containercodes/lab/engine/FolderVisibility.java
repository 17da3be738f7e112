package io.containercodes.lab.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which of the folders the lab binds from the engine sees, one folder at a time (issue 23.6c): a VM
 * engine that shares only the home folder (Colima's and Rancher Desktop's defaults) sees the lab's
 * cache there and not a checkout's {@code demos/} in /opt, and quietly mounts an empty folder in
 * its place, so the demos failed and the learner was blamed. The cache is what the fact probe's
 * canary measures ({@link FactProbe}); each other root of {@link WorkingFolders#roots} is measured
 * by {@link FolderProbe}, once per connection, when a run first binds from it (a {@code try}
 * without a {@code -v} costs nothing) or doctor asks, and only where the cache was seen (where it
 * was not, every lab folder is copied in anyway). A folder of the lab's in a root measured unseen
 * is copied in ({@link HostCopies}); one of the learner's is refused with a sentence ({@link
 * UnseenBinds}). A bind in none of these roots (a learner's {@code -v} elsewhere, the sandbox's
 * script) is measured by itself the same way. Unknown stays unknown: the bind goes ahead as
 * written, as it did before the probe.
 */
final class FolderVisibility {
  private final WorkingFolders folders;
  private final Map<Path, Fact> measured = new ConcurrentHashMap<>();
  private final Object measuring = new Object();

  /** The roots whose probe runs now: its own bind has no fact, so it is never copied. */
  private final Set<Path> probing = ConcurrentHashMap.newKeySet();

  /** Runs the lab's probe through the admission path a caller of the facts gave; null before. */
  private volatile Function<RunSpec, Outcome> prober;

  FolderVisibility(WorkingFolders folders) {
    this.folders = folders;
  }

  /**
   * Keeps the admission path the lab's probes run through; the roots are measured when first needed
   * ({@link #seen}, {@link #sights}).
   *
   * @param run admits and runs the lab's spec on this engine (the caller's admission path)
   */
  void probeWith(Function<RunSpec, Outcome> run) {
    if (prober == null) {
      prober = run;
    }
  }

  /**
   * A root's fact, measured now if this connection has not yet and the fact probe saw the cache.
   * While a root is being measured it has no fact, so its own probe's bind is never copied.
   */
  private Fact factOf(Path root, EngineFacts facts) {
    Fact f = measured.get(root);
    Function<RunSpec, Outcome> run = prober;
    if (f != null || run == null || !measuredYes(facts.fact(EngineFacts.Topic.HOST_FILES))) {
      return f != null ? f : Fact.unknown("not measured on this connection");
    }
    synchronized (measuring) {
      f = measured.get(root);
      if (f != null || !probing.add(root)) {
        return f != null ? f : Fact.unknown("being measured");
      }
      try {
        f = FolderProbe.measure(root, run);
      } finally {
        probing.remove(root);
      }
      measured.put(root, f);
      return f;
    }
  }

  /** For tests: a root's fact as a probe would have measured it. */
  void record(Path root, Fact fact) {
    measured.put(root, fact);
  }

  /**
   * What the engine sees of a bind's source: where nothing of this machine is seen, that; else the
   * fact of the root that holds it (the cache's is the fact probe's), or of the source itself
   * outside every root.
   *
   * @param facts this session's measured facts, or null before the probe ran
   */
  Fact seen(RunSpec.BindMount b, EngineFacts facts) {
    if (facts == null) {
      return Fact.unknown("not measured yet");
    }
    Fact cache = facts.fact(EngineFacts.Topic.HOST_FILES);
    if (UnseenBinds.unseen(facts)) {
      return cache;
    }
    Path real = Guardrails.real(Path.of(b.hostPath()));
    Path root = folders.rootOf(real);
    if (root == null) {
      root = real; // in none of the lab's roots (a learner's -v, the sandbox's script): by itself
    }
    if (root.equals(folders.cache())) {
      return cache;
    }
    return factOf(root, facts);
  }

  /**
   * The binds of a run to copy in, or null when none is: each whose folder the engine was measured
   * not to see and that the lab may copy ({@code copiable}: its own folders). A learner's folder
   * the engine does not see is refused with a sentence instead.
   *
   * @throws io.containercodes.lab.EnvironmentProblem for a learner's folder the engine does not see
   */
  Predicate<RunSpec.BindMount> copied(
      EngineFacts facts, RunSpec spec, Predicate<RunSpec.BindMount> copiable, EngineKind kind) {
    Set<RunSpec.BindMount> copy = new LinkedHashSet<>();
    for (RunSpec.BindMount b : spec.binds()) {
      Fact seen = seen(b, facts);
      if (!measuredNo(seen)) {
        continue;
      }
      if (!copiable.test(b)) {
        UnseenBinds.refuse(
            b, kind, UnseenBinds.unseen(facts) ? "this machine's files" : "this folder", seen);
      }
      copy.add(b);
    }
    return copy.isEmpty() ? null : copy::contains;
  }

  /** Each root the lab binds from with what the engine was measured to see of it, for doctor. */
  List<FolderSight> sights(EngineFacts facts) {
    List<FolderSight> sights = new ArrayList<>();
    for (Path root : folders.roots()) {
      Fact seen =
          root.equals(folders.cache())
              ? facts.fact(EngineFacts.Topic.HOST_FILES)
              : seen(new RunSpec.BindMount(root.toString(), "/", true, List.of()), facts);
      sights.add(new FolderSight(root.toString(), folders.isLearners(root), seen));
    }
    return sights;
  }

  static boolean measuredNo(Fact f) {
    return f.isNo() && f.basis() == Fact.Basis.MEASURED;
  }

  private static boolean measuredYes(Fact f) {
    return f.isYes() && f.basis() == Fact.Basis.MEASURED;
  }
}
