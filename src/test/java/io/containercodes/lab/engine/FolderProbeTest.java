package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 23.6c: what one folder's probe reads back, and which file of the folder it reads. */
class FolderProbeTest {
  @TempDir Path dir;

  @Test
  void theSameHashThroughTheMountIsSeenAMissingOrDifferentFileIsNot() {
    Path f = Path.of("/opt/lab/demos");
    assertTrue(FolderProbe.read("abc", "abc", f, "_shared/probe.sh").isYes());
    Fact missing = FolderProbe.read("missing", "abc", f, "_shared/probe.sh");
    assertTrue(missing.isNo() && missing.basis() == Fact.Basis.MEASURED, missing.toString());
    assertTrue(missing.detail().contains("was missing"), missing.detail());
    assertTrue(FolderProbe.read("def", "abc", f, "p").isNo(), "a different file is not this one");
  }

  @Test
  void aProbeThatCouldNotReadTheFileLeavesItUnknown() {
    Path f = Path.of("/opt/lab/demos");
    assertTrue(FolderProbe.read("denied", "abc", f, "p").isUnknown());
    assertTrue(FolderProbe.read(null, "abc", f, "p").isUnknown());
  }

  @Test
  void theKnownFileIsTheShallowestFirstByNameThatEveryUserMayRead() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.writeString(dir.resolve("a/one"), "1");
    Files.writeString(dir.resolve("z"), "private");
    Files.setPosixFilePermissions(dir.resolve("z"), PosixFilePermissions.fromString("rw-------"));
    Files.createSymbolicLink(dir.resolve("b"), Path.of("/etc/hostname"));
    assertEquals(Optional.of(dir.resolve("a/one")), FolderProbe.knownFile(dir));
    Files.writeString(dir.resolve("top"), "2");
    assertEquals(Optional.of(dir.resolve("top")), FolderProbe.knownFile(dir));
  }

  @Test
  void aFolderWithNothingToReadBackIsUnknownAndRunsNoProbe() throws Exception {
    Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/hostname"));
    Fact f =
        FolderProbe.measure(
            dir,
            spec -> {
              throw new AssertionError("no probe without a file to read back");
            });
    assertTrue(f.isUnknown(), f.toString());
  }

  /** A file's name reaches the probe as an argument, never as script text. */
  @Test
  void aHostileFileNameIsAnArgumentNotScript() throws Exception {
    String name = "$(touch pwned);x";
    Files.writeString(dir.resolve(name), "x");
    RunSpec[] ran = new RunSpec[1];
    FolderProbe.measure(
        dir,
        spec -> {
          ran[0] = spec;
          throw new io.containercodes.lab.EnvironmentProblem("stop here", "");
        });
    List<String> cmd = ran[0].command();
    assertEquals(name, cmd.get(cmd.size() - 1));
    assertFalse(cmd.get(2).contains("pwned"), cmd.get(2));
    assertEquals(dir.toString(), ran[0].binds().get(0).hostPath());
    assertTrue(ran[0].binds().get(0).readOnly(), "the folder is mounted read-only");
  }

  /**
   * Ctrl-C while the probe starts: the lab's clean-up refuses new containers. That refusal is the
   * lab's, not the engine's answer about the folder (InterruptIT once saw "does not see some of
   * this machine's folders" on an engine that sees them all).
   */
  @Test
  void aProbeCutShortByTheLabStoppingMeasuresNothing() throws Exception {
    Files.writeString(dir.resolve("f"), "x");
    assertThrows(
        LabStopping.class,
        () ->
            FolderProbe.measure(
                dir,
                spec -> {
                  throw new LabStopping();
                }));
    Fact refused =
        FolderProbe.measure(
            dir,
            spec -> {
              throw new io.containercodes.lab.EngineRefused("no such file or directory", "", null);
            });
    assertTrue(refused.isNo(), "the engine's own refusal to mount is evidence: " + refused);
  }

  /** A file the project's build rewrote while the probe read it says nothing of the engine. */
  @Test
  void aFileThatChangedWhileTheProbeReadItLeavesTheFolderUnknown() throws Exception {
    Path f = dir.resolve("f");
    Files.writeString(f, "before");
    String before = FolderProbe.sha256(f);
    Fact changed =
        FolderProbe.measure(
            dir,
            spec -> {
              try {
                Files.writeString(f, "after"); // written while the container ran
                return ProbeReadingTest.outcome(
                    "probe.hash=" + FolderProbe.sha256(f) + "\n", 0, false, false);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    assertTrue(changed.isUnknown(), changed.toString());
    assertTrue(FolderProbe.changedMeanwhile("other", before, f));
    assertFalse(FolderProbe.changedMeanwhile("other", FolderProbe.sha256(f), f), "unchanged: no");
    assertFalse(FolderProbe.changedMeanwhile("missing", before, f), "missing is evidence");
  }
}
