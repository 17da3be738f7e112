package io.containercodes.lab.admission;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.runline.RunLineParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExerciseMountsTest {
  @TempDir Path checkout;

  private RunSpec spec(Path exercise, String line) {
    RunLineParser parser = new RunLineParser(exercise);
    return parser.parse(parser.split(line)).spec();
  }

  private Path exercise() throws Exception {
    Path dir = Files.createDirectories(checkout.resolve("demos/ex"));
    Files.writeString(dir.resolve("app.py"), "print(1)\n");
    Files.createDirectories(checkout.resolve("demos/other"));
    return dir;
  }

  @Test
  void writableMountsInsideTheExerciseFolderAndReadOnlyOnesOutsideAreFine() throws Exception {
    Path ex = exercise();
    assertDoesNotThrow(
        () ->
            ExerciseMounts.requireWritableInside(
                ex,
                spec(
                    ex,
                    "podman run --rm -v $(pwd)/app.py:/app/app.py"
                        + " -v $(pwd)/..:/demos:ro cclab/busybox true")));
  }

  @Test
  void aWritableMountAboveTheExerciseIsRefusedAndNamed() throws Exception {
    Path ex = exercise();
    InvalidInput e =
        assertThrows(
            InvalidInput.class,
            () ->
                ExerciseMounts.requireWritableInside(
                    ex, spec(ex, "podman run --rm -v $(pwd)/..:/demos cclab/busybox true")));
    assertTrue(e.getMessage().contains(checkout.resolve("demos").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("outside this exercise's folder"), e.getMessage());
  }

  @Test
  void aSymlinkInsideTheFolderDoesNotCarryAMountOutOfIt() throws Exception {
    Path ex = exercise();
    Files.createSymbolicLink(ex.resolve("up"), checkout.resolve("demos/other"));
    assertThrows(
        InvalidInput.class,
        () ->
            ExerciseMounts.requireWritableInside(
                ex, spec(ex, "podman run --rm -v $(pwd)/up:/x cclab/busybox true")));
  }
}
