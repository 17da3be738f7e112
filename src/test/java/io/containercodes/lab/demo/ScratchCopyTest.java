package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of {@code scratch:}: a line that writes to what it mounts changes only this run's
 * copy, never the demo's own file.
 */
class ScratchCopyTest {
  @TempDir Path dir;
  private Path demoDir;
  private Demo demo;

  @BeforeEach
  void demo() throws Exception {
    demoDir = Files.createDirectories(dir.resolve("install"));
    Files.createDirectories(demoDir.resolve("home/.aws"));
    Files.writeString(demoDir.resolve("home/.aws/credentials"), "[default]\nkey = planted\n");
    Files.writeString(demoDir.resolve("notes.txt"), "not scratch\n");
    Files.writeString(
        demoDir.resolve("demo.yaml"),
        """
        id: install
        title: t
        proves: p
        scratch: [home]
        run: podman run --rm -v $(pwd)/home:/root cclab/busybox cat /root/.aws/credentials
        expect:
          - host-unchanged: $(pwd)/home/.aws/credentials
        """);
    demo = new DemoLoader().load(demoDir);
  }

  @Test
  void aWriteThroughTheMountChangesTheCopyAndNeverTheDemosFile() throws Exception {
    Path original = demoDir.resolve("home/.aws/credentials");
    byte[] before = Files.readAllBytes(original);
    try (ScratchCopy scratch = ScratchCopy.of(demo)) {
      // the admission applies this to every mount (AdmissionTest: the line's :ro is kept)
      Path mounted = Path.of(scratch.redirect(demoDir.resolve("home").toString()));
      assertTrue(mounted.startsWith(scratch.root()), mounted.toString());
      Files.writeString(mounted.resolve(".aws/credentials"), "# tampered\n");
      Files.writeString(mounted.resolve("new-file"), "dropped\n");
    }
    assertEquals(
        new String(before, java.nio.charset.StandardCharsets.UTF_8), Files.readString(original));
    assertFalse(Files.exists(demoDir.resolve("home/new-file")));
  }

  @Test
  void eachRunGetsAFreshPrivateCopyThatIsRemovedAfterwards() throws Exception {
    Path first;
    try (ScratchCopy a = ScratchCopy.of(demo);
        ScratchCopy b = ScratchCopy.of(demo)) {
      first = a.root();
      assertNotEquals(a.root(), b.root());
      assertEquals(
          "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.root())));
      Path copied = Path.of(a.redirect(demoDir.resolve("home/.aws/credentials").toString()));
      assertEquals(
          Files.readString(demoDir.resolve("home/.aws/credentials")), Files.readString(copied));
      Files.writeString(copied, "changed in run a\n");
      Path other = Path.of(b.redirect(demoDir.resolve("home/.aws/credentials").toString()));
      assertEquals("[default]\nkey = planted\n", Files.readString(other));
    }
    assertFalse(Files.exists(first), "the copy outlived its run");
  }

  @Test
  void aPathInsideTheAssetOrReachedThroughDotDotOrALinkIsRedirected() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("link"), demoDir.resolve("home"));
    try (ScratchCopy scratch = ScratchCopy.of(demo)) {
      for (String p :
          List.of(
              demoDir.resolve("home/.aws").toString(),
              demoDir + "/../install/home/.aws/credentials",
              link + "/.aws/credentials")) {
        assertTrue(
            Path.of(scratch.redirect(p)).startsWith(scratch.root()),
            p + " → " + scratch.redirect(p));
      }
      String elsewhere = demoDir.resolve("notes.txt").toString();
      assertEquals(elsewhere, scratch.redirect(elsewhere), "other assets are mounted as they are");
    }
  }

  @Test
  void aMountOfADirectoryAroundAnAssetIsRefusedEvenReadOnly() {
    try (ScratchCopy scratch = ScratchCopy.of(demo)) {
      for (Path around : List.of(demoDir, demoDir.getParent())) {
        InvalidInput e =
            assertThrows(InvalidInput.class, () -> scratch.redirect(around.toString()));
        assertTrue(e.getMessage().contains("holds home"), e.getMessage());
      }
    }
  }

  @Test
  void aDemoWithoutScratchAssetsMountsEverythingAsWritten() {
    Demo plain =
        new Demo(
            "x",
            "t",
            "p",
            demoDir,
            demoDir.resolve("demo.yaml"),
            List.of(),
            List.of(),
            demo.steps(),
            List.of(),
            List.of(),
            null,
            List.of(),
            null,
            List.of());
    ScratchCopy none = ScratchCopy.of(plain);
    assertSame(ScratchCopy.NONE, none);
    String path = demoDir.toString();
    assertSame(path, none.redirect(path));
  }
}
