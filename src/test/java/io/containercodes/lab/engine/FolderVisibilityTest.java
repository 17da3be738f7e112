package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.AdmittedRun.Origin;
import io.containercodes.lab.engine.EngineFacts.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23.6c: an engine that shares only a home-like folder sees the lab's cache there and not a
 * checkout's demos elsewhere, and mounted an empty folder in their place. Each folder the lab binds
 * from has its own fact; a lab folder whose root is unseen is copied in even where others are seen,
 * a learner's is refused, an unknown one is mounted as written.
 */
class FolderVisibilityTest {
  @TempDir Path base;
  Path cache;
  Path demos;
  Path project;
  WorkingFolders folders;
  FolderVisibility visibility;

  static final Fact SEEN = Fact.measured(true, "the lab's probe container", "read back");
  static final Fact UNSEEN =
      Fact.measured(false, "the lab's probe container", "probe.sh was missing in the mount");

  @BeforeEach
  void folders() throws Exception {
    cache = Files.createDirectories(base.resolve("home/.cache/cclab"));
    demos = Files.createDirectories(base.resolve("opt/lab/demos"));
    project = Files.createDirectories(base.resolve("src/project"));
    Files.createDirectories(demos.resolve("memory-limit"));
    Files.createDirectories(cache.resolve("work/cclab-scratch-1"));
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    folders =
        WorkingFolders.of(
            List.of(real(project), real(demos)),
            real(base.resolve("tmp")),
            real(cache),
            real(project),
            uid);
    visibility = new FolderVisibility(folders);
  }

  static Path real(Path p) {
    return Guardrails.real(p);
  }

  static EngineFacts cacheSeen(Fact f) {
    return FactsSessionCacheTest.rootless().withMeasured(Topic.HOST_FILES, f);
  }

  RunSpec.BindMount bind(Path p, boolean ro) {
    return new RunSpec.BindMount(p.toString(), "/mnt/" + p.getFileName(), ro, List.of());
  }

  RunSpec spec(RunSpec.BindMount... binds) {
    return RunSpec.builder("cclab/busybox").binds(List.of(binds)).build();
  }

  @Test
  void theRootsAreTheCacheFirstThenEachDistinctFolderTheLabBindsFrom() {
    assertEquals(List.of(real(cache), real(project), real(demos)), folders.roots());
    assertEquals(real(demos), folders.rootOf(real(demos.resolve("memory-limit/app.py"))));
    assertEquals(real(cache), folders.rootOf(real(cache.resolve("work/cclab-scratch-1"))));
    assertNull(folders.rootOf(real(base.resolve("elsewhere"))), "no root: nothing measured");
    assertTrue(folders.isLearners(real(project)));
    assertFalse(folders.isLearners(real(demos)));
  }

  /**
   * A root is probed when a run first binds from it, once per connection, through the admission
   * path a caller of the facts gave; its probe's own bind gets no fact (never copied, no probe of
   * the probe), and nothing is probed where the cache was not seen.
   */
  @Test
  void aRootIsProbedOnceWhenFirstNeededAndItsProbesOwnBindIsNeverCopied() throws Exception {
    Files.writeString(demos.resolve("memory-limit/app.py"), "print(1)\n");
    Files.setPosixFilePermissions(
        demos.resolve("memory-limit/app.py"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    RunSpec.BindMount demo = bind(demos.resolve("memory-limit"), true);
    List<RunSpec> probes = new java.util.ArrayList<>();
    Predicate<RunSpec.BindMount> labs = folders.copiable(Origin.CONTENT_STEP);
    visibility.probeWith(
        spec -> {
          probes.add(spec);
          // the probe is a run like any other: its own bind is judged too, and not copied
          assertNull(visibility.copied(cacheSeen(SEEN), spec, labs, EngineKind.PODMAN));
          return ProbeReadingTest.outcome("probe.hash=missing\n", 0, false, false);
        });
    assertNull(
        visibility.copied(FactsSessionCacheTest.rootless(), spec(demo), labs, EngineKind.PODMAN),
        "where the cache's fact is unknown nothing is probed");
    assertEquals(0, probes.size());
    Predicate<RunSpec.BindMount> copied =
        visibility.copied(cacheSeen(SEEN), spec(demo), labs, EngineKind.PODMAN);
    assertTrue(copied.test(demo), "measured missing: copied in");
    visibility.copied(cacheSeen(SEEN), spec(demo), labs, EngineKind.PODMAN);
    assertEquals(1, probes.size(), "once per connection");
    assertEquals(real(demos).toString(), probes.get(0).binds().get(0).hostPath());
    RunSpec.BindMount scratch = bind(cache.resolve("work/cclab-scratch-1"), false);
    assertNull(visibility.copied(cacheSeen(SEEN), spec(scratch), labs, EngineKind.PODMAN));
    assertEquals(1, probes.size(), "the cache is the fact probe's, never probed again");
  }

  /** The case of the issue: the cache is seen, the checkout's demos are not. */
  @Test
  void aDemoFolderWhoseRootIsUnseenIsCopiedWhileTheSeenCacheIsBound() {
    visibility.record(real(demos), UNSEEN);
    RunSpec.BindMount demo = bind(demos.resolve("memory-limit"), true);
    RunSpec.BindMount scratch = bind(cache.resolve("work/cclab-scratch-1"), false);
    Predicate<RunSpec.BindMount> copied =
        visibility.copied(
            cacheSeen(SEEN),
            spec(demo, scratch),
            folders.copiable(Origin.CONTENT_STEP),
            EngineKind.PODMAN);
    assertTrue(copied.test(demo), "the unseen demo folder is copied in");
    assertFalse(copied.test(scratch), "the seen cache is bound as written");
  }

  /** Without the per-folder fact the demo folder was bound as written: an empty folder there. */
  @Test
  void withoutAMeasurementOfItsRootAFolderIsMountedAsWritten() {
    RunSpec.BindMount demo = bind(demos.resolve("memory-limit"), true);
    assertNull(
        visibility.copied(
            cacheSeen(SEEN), spec(demo), folders.copiable(Origin.CONTENT_STEP), EngineKind.PODMAN));
    visibility.record(real(demos), Fact.unknown("no file every user may read"));
    assertNull(
        visibility.copied(
            cacheSeen(SEEN), spec(demo), folders.copiable(Origin.CONTENT_STEP), EngineKind.PODMAN),
        "unknown stays unknown: mounted as written, never copied on a guess");
    assertNull(
        visibility.copied(
            null, spec(demo), folders.copiable(Origin.CONTENT_STEP), EngineKind.PODMAN),
        "before the probe ran");
  }

  @Test
  void aLearnersFolderTheEngineDoesNotSeeIsRefusedWithASentenceNeverCopied() {
    visibility.record(real(project), UNSEEN);
    EnvironmentProblem e =
        assertThrows(
            EnvironmentProblem.class,
            () ->
                visibility.copied(
                    cacheSeen(SEEN),
                    spec(bind(project, true)),
                    folders.copiable(Origin.LEARNER_TRY),
                    EngineKind.PODMAN));
    assertTrue(
        e.getMessage().contains("does not see this folder (probe.sh was missing"), e.getMessage());
    assertTrue(e.getMessage().startsWith("-v " + project), e.getMessage());
  }

  @Test
  void whereNothingOfThisMachineIsSeenEveryLabFolderIsCopiedAndTheLearnersRefused() {
    visibility.record(real(demos), SEEN); // even a root measured seen: the cache's no decides
    RunSpec.BindMount demo = bind(demos.resolve("memory-limit"), true);
    Predicate<RunSpec.BindMount> copied =
        visibility.copied(
            cacheSeen(UNSEEN),
            spec(demo),
            folders.copiable(Origin.CONTENT_STEP),
            EngineKind.PODMAN);
    assertTrue(copied.test(demo));
    EnvironmentProblem e =
        assertThrows(
            EnvironmentProblem.class,
            () ->
                visibility.copied(
                    cacheSeen(UNSEEN),
                    spec(bind(base.resolve("elsewhere"), true)),
                    folders.copiable(Origin.LEARNER_TRY),
                    EngineKind.PODMAN));
    assertTrue(e.getMessage().contains("does not see this machine's files"), e.getMessage());
  }

  /**
   * A bind in none of the roots (the sandbox's script in /tmp, a learner's -v elsewhere) is
   * measured by itself: the sandbox's script is copied in, a learner's folder refused.
   */
  @Test
  void aBindOutsideEveryRootIsMeasuredByItself() throws Exception {
    Path script = Files.createDirectories(base.resolve("elsewhere")).resolve("x.py");
    Files.writeString(script, "print(1)\n");
    Files.setPosixFilePermissions(
        script, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    List<RunSpec> probes = new java.util.ArrayList<>();
    visibility.probeWith(
        spec -> {
          probes.add(spec);
          return ProbeReadingTest.outcome("probe.hash=missing\n", 0, false, false);
        });
    RunSpec.BindMount bind = bind(script, true);
    Predicate<RunSpec.BindMount> copied =
        visibility.copied(
            cacheSeen(SEEN), spec(bind), folders.copiable(Origin.SANDBOX), EngineKind.PODMAN);
    assertTrue(copied.test(bind), "the sandbox's script is copied in");
    assertEquals(FolderProbe.MOUNT + "/f", probes.get(0).binds().get(0).containerPath());
    assertEquals(real(script).toString(), probes.get(0).binds().get(0).hostPath());
    EnvironmentProblem e =
        assertThrows(
            EnvironmentProblem.class,
            () ->
                visibility.copied(
                    cacheSeen(SEEN),
                    spec(bind),
                    folders.copiable(Origin.LEARNER_TRY),
                    EngineKind.PODMAN));
    assertTrue(e.getMessage().contains("x.py in " + real(script)), e.getMessage());
    assertEquals(1, probes.size(), "measured once");
  }

  /** The sandbox's script (any read-only bind) is copied; another origin's is not the lab's. */
  @Test
  void theSandboxCopiesAnyReadOnlyBindOtherOriginsOnlyTheLabsFolders() {
    RunSpec.BindMount script = bind(base.resolve("elsewhere/x.py"), true);
    assertTrue(folders.copiable(Origin.SANDBOX).test(script));
    assertFalse(folders.copiable(Origin.SANDBOX).test(bind(base.resolve("elsewhere"), false)));
    assertFalse(folders.copiable(Origin.LEARNER_TRY).test(script));
    assertFalse(folders.copiable(Origin.CONTENT_STEP).test(bind(demos, true)), "demos/ itself");
  }

  @Test
  void doctorsRowsNameEachRootWithItsFact() {
    visibility.record(real(demos), UNSEEN);
    List<FolderSight> sights = visibility.sights(cacheSeen(SEEN));
    assertEquals(3, sights.size());
    assertEquals(new FolderSight(real(cache).toString(), false, SEEN), sights.get(0));
    assertTrue(sights.get(1).learners());
    assertTrue(sights.get(1).seen().isUnknown(), "the project was not measured");
    assertEquals(new FolderSight(real(demos).toString(), false, UNSEEN), sights.get(2));
  }
}
