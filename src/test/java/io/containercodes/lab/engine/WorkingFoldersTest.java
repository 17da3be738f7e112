package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.host.LabDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23: the lab's folders moved from the JVM's temp dir (which VM engines such as Colima do not
 * share) to its work folder in the user's cache directory; a container may write there, in the
 * lab's own cclab-* folders only, as it could in /tmp's.
 */
class WorkingFoldersTest {
  @TempDir Path cache;

  @Test
  void theLabsOwnFoldersInItsWorkFolderAreWorkingFoldersAndNothingElseThere() throws Exception {
    Map<String, String> env = Map.of("CCLAB_CACHE_DIR", cache.toString(), "HOME", "/home/ann");
    Path work = LabDirectories.work(env);
    Path mine = Files.createDirectories(work.resolve("cclab-scratch-1"));
    Path other = Files.createDirectories(work.resolve("project"));
    Path images = Files.createDirectories(cache.resolve("images"));
    WorkingFolders folders = WorkingFolders.forHost(env, Path.of("/home/ann"));
    assertTrue(folders.contains(Guardrails.real(mine)));
    assertTrue(folders.contains(Guardrails.real(mine.resolve("deep/er"))));
    assertFalse(folders.contains(Guardrails.real(work)), "the work folder itself");
    assertFalse(folders.contains(Guardrails.real(other)), "not a folder of the lab's");
    assertFalse(folders.contains(Guardrails.real(images)), "the image cache never");
  }

  /**
   * The merge of issues 23 and 27: the sandbox's run folders stay in {@code <cache>/sandbox/runs}
   * beside the work folder, and both are working folders; the tracer's kits beside them are not.
   */
  @Test
  void theSandboxsRunFoldersBesideTheWorkFolderAreWorkingFoldersToo() throws Exception {
    Map<String, String> env = Map.of("CCLAB_CACHE_DIR", cache.toString(), "HOME", "/home/ann");
    Path run = Files.createDirectories(LabDirectories.sandboxRuns(env).resolve("run_1_2_abc"));
    Path scratch = Files.createDirectories(LabDirectories.work(env).resolve("cclab-scratch-2"));
    Path kits = Files.createDirectories(cache.resolve("sandbox/kits/strace-0123"));
    Path misnamed = Files.createDirectories(LabDirectories.sandboxRuns(env).resolve("cclab-x"));
    WorkingFolders folders = WorkingFolders.forHost(env, Path.of("/home/ann"));
    assertTrue(folders.contains(Guardrails.real(run.resolve("trace"))));
    assertTrue(folders.contains(Guardrails.real(scratch)));
    assertFalse(folders.contains(Guardrails.real(kits)), "the tracer's kit is mounted read-only");
    assertFalse(folders.contains(Guardrails.real(misnamed)), "runs hold run_* folders only");
    assertFalse(folders.contains(Guardrails.real(LabDirectories.sandboxRuns(env))), "runs/ itself");
  }

  /**
   * Issue 23.3: on an engine that sees no host files the lab copies its own folders in and refuses
   * the learner's; the current directory's tree is the learner's even when it is a working folder.
   */
  @Test
  void theLabsOwnFoldersAreTheOnesItCopiesNeverTheLearnersProject() throws Exception {
    Map<String, String> env = Map.of("CCLAB_CACHE_DIR", cache.toString(), "HOME", "/home/ann");
    Path scratch = Files.createDirectories(LabDirectories.work(env).resolve("cclab-scratch-3"));
    Path run = Files.createDirectories(LabDirectories.sandboxRuns(env).resolve("run_1_2_abc"));
    Path kit = Files.createDirectories(cache.resolve("sandbox/kits/strace-0123"));
    Path images = Files.createDirectories(cache.resolve("images"));
    WorkingFolders folders = WorkingFolders.forHost(env, Path.of("/home/ann"));
    assertTrue(folders.isLabs(Guardrails.real(scratch.resolve("app"))));
    assertTrue(folders.isLabs(Guardrails.real(run)));
    assertTrue(folders.isLabs(Guardrails.real(kit)), "the tracer's kit is the lab's, copied too");
    assertFalse(folders.isLabs(Guardrails.real(cache.resolve("sandbox/kits"))), "kits/ itself");
    assertFalse(folders.isLabs(Guardrails.real(images)), "the image cache never");
    Path cwd = Guardrails.real(Path.of(""));
    assertFalse(folders.isLabs(cwd), "the current directory is the learner's");
  }
}
