package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.EngineRefused;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which binds travel to a swarm task as configs, with what files; what is refused; and the record
 * read back as the line wrote it. The configs themselves on a swarm: SwarmIT.
 */
class SwarmFilesTest {
  private static RunSpec.BindMount bind(Path host, String at, boolean readOnly) {
    return new RunSpec.BindMount(host.toString(), at, readOnly, List.of());
  }

  private static RunSpec spec(RunSpec.BindMount... binds) {
    RunSpec.Builder b = RunSpec.builder("cclab/busybox").command("true");
    for (RunSpec.BindMount m : binds) {
      b.bind(m);
    }
    return b.build();
  }

  @Test
  void aReadOnlyFolderOfTheLabsBecomesAFilePerConfigWithItsMode(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.writeString(dir.resolve("sub/run.sh"), "echo hi");
    Files.setPosixFilePermissions(
        dir.resolve("sub/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(
        dir.resolve("a.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    SwarmFiles.Plan plan = SwarmFiles.plan(spec(bind(dir, "/app/", true)), b -> true);
    assertEquals(List.of(), plan.rest().binds(), "carried, so the mapping does not judge it");
    assertEquals(2, plan.files().size());
    SwarmFiles.File a = plan.files().get(0);
    SwarmFiles.File run = plan.files().get(1);
    assertEquals("/app/a.txt", a.target());
    assertEquals(0644, a.mode());
    assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), a.data());
    assertEquals("/app/sub/run.sh", run.target());
    assertEquals(0750, run.mode());
  }

  @Test
  void aSingleFileIsOneConfigAtTheBindsPath(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("own.sh"), "id");
    SwarmFiles.Plan plan = SwarmFiles.plan(spec(bind(f, "/app/own.sh", true)), b -> true);
    assertEquals("/app/own.sh", plan.files().get(0).target());
  }

  @Test
  void aWritableOrANotLabBindStaysForTheMappingToRefuse(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a"), "a");
    RunSpec.BindMount writable = bind(dir, "/w", false);
    RunSpec.BindMount learners = bind(dir, "/l", true);
    SwarmFiles.Plan plan =
        SwarmFiles.plan(spec(writable, learners), b -> b.containerPath().equals("/w"));
    assertEquals(List.of(writable, learners), plan.rest().binds());
    assertEquals(List.of(), plan.files());
    EngineRefused e =
        assertThrows(EngineRefused.class, () -> SwarmMapping.map(plan.rest(), java.util.Map.of()));
    assertTrue(e.getMessage().contains("a writable mount"), e.getMessage());
  }

  @Test
  void aFileAboveTheLimitOrALinkIsRefusedWithItsSentence(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("big"), new byte[(int) SwarmFiles.MAX_BYTES + 1]);
    EngineRefused big =
        assertThrows(
            EngineRefused.class, () -> SwarmFiles.plan(spec(bind(dir, "/d", true)), b -> true));
    assertTrue(big.getMessage().contains("more than a config's 500 KB"), big.getMessage());
    Files.write(dir.resolve("big"), new byte[(int) SwarmFiles.MAX_BYTES]); // at the limit: travels
    assertEquals(1, SwarmFiles.plan(spec(bind(dir, "/d", true)), b -> true).files().size());
    Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/shadow"));
    EngineRefused link =
        assertThrows(
            EngineRefused.class, () -> SwarmFiles.plan(spec(bind(dir, "/d", true)), b -> true));
    assertTrue(link.getMessage().contains("a link or a special file"), link.getMessage());
  }

  /** The record shows the bind only when the engine's spec of the service holds its configs. */
  @Test
  void theRecordShowsACarriedBindOnlyWhereTheEnginesSpecHoldsItsConfigs(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("a"), "a");
    SwarmFiles.Plan plan = SwarmFiles.plan(spec(bind(dir, "/d", true)), b -> true);
    ContainerFacts bare =
        new ContainerFacts(
            false, "bridge", "", "", "", "", false, List.of(), List.of(), null, null, null,
            List.of());
    ObjectNode service = EngineClients.mapper().createObjectNode();
    ObjectNode container =
        service.putObject("Spec").putObject("TaskTemplate").putObject("ContainerSpec");
    assertEquals(
        List.of(), SwarmFileRecord.asWritten(bare, service, plan).mounts(), "no config recorded");
    container.putArray("Configs").addObject().putObject("File").put("Name", "/d/a");
    List<ContainerFacts.Mount> mounts = SwarmFileRecord.asWritten(bare, service, plan).mounts();
    assertEquals(1, mounts.size());
    assertEquals(Guardrails.real(dir).toString(), mounts.get(0).source());
    assertEquals("/d", mounts.get(0).destination());
    assertEquals(false, mounts.get(0).writable());
  }

  @Test
  void theModeIsThePermissionBits() {
    assertEquals(0750, SwarmFiles.mode(PosixFilePermissions.fromString("rwxr-x---")));
    assertEquals(0777, SwarmFiles.mode(PosixFilePermissions.fromString("rwxrwxrwx")));
  }
}
