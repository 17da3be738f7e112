package io.containercodes.lab.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLineFileTest {
  @TempDir Path dir;

  @Test
  void joinsContinuationsAndDropsAPrompt() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("dev.sh"),
            "#!/bin/sh\n# our dev container: podman run it\n$ podman run --rm \\\n"
                + "    --network none \\\n    cclab/busybox sh\necho done\n");
    RunLineFile.Located l = RunLineFile.find(f, null);
    assertEquals(3, l.line());
    assertEquals("podman run --rm --network none cclab/busybox sh", l.text());
  }

  @Test
  void severalLinesNeedAChoiceAndAWrongChoiceSaysWhereTheyAre() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("README.md"), "docker run --rm a\ntext\n/usr/bin/podman run --rm b\n");
    InvalidInput many = assertThrows(InvalidInput.class, () -> RunLineFile.find(f, null));
    assertTrue(many.getMessage().contains("at lines 1, 3"), many.getMessage());
    assertEquals("/usr/bin/podman run --rm b", RunLineFile.find(f, 3).text());
    InvalidInput wrong = assertThrows(InvalidInput.class, () -> RunLineFile.find(f, 2));
    assertTrue(
        wrong.getMessage().contains(":2 is not the start of a run line"), wrong.getMessage());
  }

  @Test
  void aFileWithoutARunLineIsAClearError() throws Exception {
    Path f = Files.writeString(dir.resolve("notes.txt"), "podman ps\nrun the tests\n");
    assertThrows(InvalidInput.class, () -> RunLineFile.find(f, null));
  }
}
