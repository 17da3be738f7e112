package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.EngineFacts.Topic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: an engine that does not see the host's files mounted an empty folder in place of a
 * learner's project, and the lesson then blamed the line. Where the probe measured that, a bind
 * mount is an error with a sentence; only a measured "no" refuses.
 */
class UnseenBindsTest {
  static final RunSpec WITH_BIND =
      RunSpec.builder("cclab/busybox")
          .bind(new RunSpec.BindMount("/home/ann/project", "/workspace", true, List.of()))
          .build();

  static EngineFacts hostFiles(Fact f) {
    return FactsSessionCacheTest.rootless().withMeasured(Topic.HOST_FILES, f);
  }

  @Test
  void aBindOnAnEngineMeasuredNotToSeeTheFilesIsASentenceNotAnEmptyFolder() {
    EngineFacts remote =
        hostFiles(
            Fact.measured(false, "the lab's probe container", "the nonce it read back differed"));
    EnvironmentProblem e =
        assertThrows(
            EnvironmentProblem.class,
            () -> UnseenBinds.refuse(remote, WITH_BIND, EngineKind.PODMAN, NONE));
    assertTrue(e.getMessage().startsWith("-v /home/ann/project:/workspace mounts"), e.getMessage());
    assertTrue(e.getMessage().contains("does not see this machine's files"), e.getMessage());
    assertTrue(e.getMessage().contains("the nonce it read back differed"), e.getMessage());
    assertFalse(e.getMessage().contains("{"), "no engine JSON: " + e.getMessage());
  }

  private static final java.util.function.Predicate<RunSpec.BindMount> NONE = b -> false;

  /** The lab's own folders are copied in (HostCopies); a learner's folder beside one is refused. */
  @Test
  void onlyTheLearnersOwnFoldersAreRefusedTheLabsAreCopied() {
    EngineFacts remote = hostFiles(Fact.measured(false, "probe", "differed"));
    RunSpec labsOnly =
        RunSpec.builder("cclab/busybox")
            .bind(new RunSpec.BindMount("/lab/cclab-x", "/data", true, java.util.List.of()))
            .build();
    java.util.function.Predicate<RunSpec.BindMount> labs = b -> b.hostPath().startsWith("/lab/");
    assertDoesNotThrow(() -> UnseenBinds.refuse(remote, labsOnly, EngineKind.PODMAN, labs));
    RunSpec both = labsOnly.toBuilder().bind(WITH_BIND.binds().get(0)).build();
    EnvironmentProblem e =
        assertThrows(
            EnvironmentProblem.class,
            () -> UnseenBinds.refuse(remote, both, EngineKind.PODMAN, labs));
    assertTrue(e.getMessage().startsWith("-v /home/ann/project:/workspace"), e.getMessage());
  }

  @Test
  void itRefusesOnlyAMeasuredNo() {
    EngineFacts seen = hostFiles(Fact.measured(true, "the lab's probe container", "read back"));
    assertDoesNotThrow(() -> UnseenBinds.refuse(seen, WITH_BIND, EngineKind.PODMAN, NONE));
    assertDoesNotThrow(() -> UnseenBinds.refuse(null, WITH_BIND, EngineKind.PODMAN, NONE));
    EngineFacts unknown = FactsSessionCacheTest.rootless();
    assertDoesNotThrow(() -> UnseenBinds.refuse(unknown, WITH_BIND, EngineKind.PODMAN, NONE));
    EngineFacts remote = hostFiles(Fact.measured(false, "probe", "differed"));
    assertDoesNotThrow(
        () ->
            UnseenBinds.refuse(
                remote, RunSpec.builder("cclab/busybox").build(), EngineKind.PODMAN, NONE),
        "a run that mounts nothing of the host runs anywhere");
  }
}
