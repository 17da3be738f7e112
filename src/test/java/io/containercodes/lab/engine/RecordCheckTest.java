package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of the engine's record after the create: a symlink or a folder swapped between the
 * guardrails' look and the create is caught, deterministically (the flip happens between the two
 * calls, where the race put it), and an unchanged record passes.
 */
class RecordCheckTest {
  @TempDir Path dir;

  private final Guardrails rules = Guardrails.forHost(Map.of("HOME", "/home/ann"));

  /** What the engine records: the source the create sent, the real path at that moment. */
  private static RunSpec recordOf(RunSpec sent) {
    RunSpec.Builder b = sent.toBuilder().binds(List.of());
    for (RunSpec.BindMount m : sent.binds()) {
      b.bind(
          new RunSpec.BindMount(
              Guardrails.real(Path.of(m.hostPath())).toString(),
              m.containerPath(),
              m.readOnly(),
              List.of()));
    }
    return b.build();
  }

  private static RunSpec mounting(Path p) {
    return RunSpec.builder("cclab/busybox")
        .bind(new RunSpec.BindMount(p.toString(), "/data", true, List.of()))
        .build();
  }

  @Test
  void anUnchangedRecordPasses() throws Exception {
    Path safe = Files.createDirectories(dir.resolve("safe"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), safe);
    RunSpec spec = mounting(link);
    Guardrails.Judgement judged = rules.enforce(spec);
    assertDoesNotThrow(() -> RecordCheck.confirm(rules, spec, judged, recordOf(spec)));
  }

  @Test
  void aSymlinkFlippedBetweenTheCheckAndTheCreateIsRefused() throws Exception {
    Path safe = Files.createDirectories(dir.resolve("safe"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), safe);
    RunSpec spec = mounting(link);
    Guardrails.Judgement judged = rules.enforce(spec);
    // the flip, between the check and the create
    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("/etc"));
    InvalidInput e =
        assertThrows(
            InvalidInput.class, () -> RecordCheck.confirm(rules, spec, judged, recordOf(spec)));
    assertTrue(e.getMessage().contains("was judged as " + safe.toRealPath()), e.getMessage());
    assertTrue(e.getMessage().contains("exposes the host's /etc"), e.getMessage());
  }

  @Test
  void aFolderSwappedForASymlinkAfterTheCreateIsRefused() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    RunSpec spec = mounting(work);
    Guardrails.Judgement judged = rules.enforce(spec);
    RunSpec recorded = recordOf(spec); // the engine took the real path, then the folder moved
    Files.move(work, dir.resolve("work.old"));
    Files.createSymbolicLink(work, Path.of("/etc"));
    InvalidInput e =
        assertThrows(InvalidInput.class, () -> RecordCheck.confirm(rules, spec, judged, recorded));
    assertTrue(e.getMessage().contains("which now leads to /etc"), e.getMessage());
  }

  @Test
  void withConsentWhatWasConsentedToMayBeInTheRecordButNothingElse() throws Exception {
    RunSpec spec = RunSpec.builder("cclab/busybox").privileged(true).consent(true).build();
    Guardrails.Judgement judged = rules.enforce(spec);
    RunSpec recorded =
        spec.toBuilder()
            .consent(false)
            .device(new RunSpec.Device("/dev/sda", "/dev/sda", "rwm")) // Podman lists devices
            .build();
    assertDoesNotThrow(() -> RecordCheck.confirm(rules, spec, judged, recorded));
    RunSpec more = recorded.toBuilder().pidMode("host").build();
    InvalidInput e =
        assertThrows(InvalidInput.class, () -> RecordCheck.confirm(rules, spec, judged, more));
    assertTrue(e.getMessage().contains("--pid=host"), e.getMessage());
  }
}
