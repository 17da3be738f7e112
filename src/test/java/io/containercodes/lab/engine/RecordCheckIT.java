package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The guardrails against the host's file tree changing under them, on the real engine: a symlink
 * flipped between the check and the create (deterministically, by the runner's test hook, where the
 * race of #24 put it) is refused from the engine's own record and the container removed unstarted;
 * a hard link to the engine's socket six folders deep is found; a missing source is refused and not
 * created.
 */
@Tag("engine")
class RecordCheckIT {
  private Path dir;

  @AfterEach
  void cleanUp() {
    ContainerRunner.beforeCreateForTests = spec -> {};
    if (dir != null) {
      io.containercodes.lab.host.FileTrees.deleteQuietly(dir);
    }
  }

  private static Set<String> labContainers() {
    return Set.copyOf(TestEngine.get().labContainersOfThisProcess());
  }

  /** The folder of the engine's socket: the place a flipped symlink would hand over. */
  private static Path engineRuntime() {
    return Path.of(TestEngine.get().endpoint().uri().getPath()).getParent();
  }

  @Test
  void aSymlinkFlippedBetweenTheCheckAndTheCreateIsRefusedAndNothingStarts() throws IOException {
    Engine engine = TestEngine.get();
    String image = TestEngine.busybox();
    dir = Files.createTempDirectory("cclab-flip-");
    Path safe = Files.createDirectories(dir.resolve("safe"));
    Path link = Files.createSymbolicLink(dir.resolve("data"), safe);
    ContainerRunner.beforeCreateForTests =
        spec -> {
          try {
            Files.delete(link);
            Files.createSymbolicLink(link, engineRuntime());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    Set<String> before = labContainers();
    RunSpec spec =
        RunSpec.builder(image)
            .command("ls", "/data")
            .bind(new RunSpec.BindMount(link.toString(), "/data", true, List.of()))
            .build();
    InvalidInput e =
        assertThrows(
            InvalidInput.class, () -> engine.run(TestRuns.admitted(spec), OutputListener.IGNORE));
    assertTrue(
        e.getMessage().contains("the engine's record of it is not what the lab judged"),
        e.getMessage());
    assertTrue(e.getMessage().contains("was judged as " + safe.toRealPath()), e.getMessage());
    assertTrue(e.getMessage().contains("engine's socket or state"), e.getMessage());
    assertEquals(before, labContainers(), "the container was removed, unstarted");

    ContainerRunner.beforeCreateForTests = s -> {};
    Files.delete(link);
    Files.createSymbolicLink(link, safe);
    Files.writeString(safe.resolve("marker"), "judged");
    Outcome fine = engine.run(TestRuns.admitted(spec), OutputListener.IGNORE);
    assertTrue(
        fine.stdout().text().contains("marker"), "without the flip it runs: " + fine.stdout());
  }

  @Test
  void aHardLinkToTheEnginesSocketSixFoldersDeepIsFound() throws IOException {
    Path socket = Path.of(TestEngine.get().endpoint().uri().getPath());
    // a hard link lives on the socket's own file system (/run here)
    dir = Files.createTempDirectory(socket.getParent().getParent(), "cclab-guard-it-");
    Path deep = Files.createDirectories(dir.resolve("a/b/c/d/e/f"));
    Files.createLink(deep.resolve("notes.txt"), socket);
    RunSpec spec =
        RunSpec.builder(TestEngine.busybox())
            .command("true")
            .bind(new RunSpec.BindMount(dir.toString(), "/project", true, List.of()))
            .build();
    InvalidInput e =
        assertThrows(
            InvalidInput.class,
            () -> TestEngine.get().run(TestRuns.admitted(spec), OutputListener.IGNORE));
    assertTrue(e.getMessage().contains(deep.resolve("notes.txt").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("same device and inode"), e.getMessage());
  }

  @Test
  void aMissingSourceIsRefusedEvenWithConsentAndTheEngineCreatesNothing() throws IOException {
    dir = Files.createTempDirectory("cclab-missing-");
    Path missing = dir.resolve("not/there");
    RunSpec spec =
        RunSpec.builder(TestEngine.busybox())
            .command("true")
            .consent(true)
            .bind(new RunSpec.BindMount(missing.toString(), "/x", false, List.of()))
            .build();
    InvalidInput e =
        assertThrows(
            InvalidInput.class,
            () -> TestEngine.get().run(TestRuns.admitted(spec), OutputListener.IGNORE));
    assertTrue(e.getMessage().contains("does not exist on the host"), e.getMessage());
    assertTrue(Files.notExists(missing) && Files.notExists(missing.getParent()));
  }
}
