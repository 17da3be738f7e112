package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.images.ImageCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracerSourceTest {
  @Test
  void theHostsStraceIsLentWhenTheEngineRunsItsArchitecture() {
    TracerSource.Choice c = TracerSource.choose("amd64", "amd64");
    assertTrue(c.hostKit());
    assertNull(c.why());
  }

  @Test
  void withoutAHostStraceTheTracerComesFromTheImage() {
    TracerSource.Choice c = TracerSource.choose(null, "arm64");
    assertFalse(c.hostKit());
    assertEquals("the host has no strace", c.why());
  }

  @Test
  void aHostStraceOfAnotherArchitectureIsNotLent() {
    // an engine in a VM of another CPU, or an emulated one, cannot run the host's binary
    TracerSource.Choice c = TracerSource.choose("amd64", "arm64");
    assertFalse(c.hostKit());
    assertEquals("the host's strace is for amd64 and the engine runs arm64 containers", c.why());
  }

  @Test
  void anEngineThatDoesNotSayItsArchitectureGetsTheHostsStraceTried() {
    // a tracer that then cannot start is reported as such (SandboxRunner's untraced retry)
    assertTrue(TracerSource.choose("amd64", null).hostKit());
  }

  @Test
  void theArchitectureIsReadFromTheElfHeader() {
    assertEquals("amd64", TracerSource.elfArchitecture(header(2, 1, 0x3e)));
    assertEquals("arm64", TracerSource.elfArchitecture(header(2, 1, 0xb7)));
    assertEquals("s390x", TracerSource.elfArchitecture(header(2, 2, 0x16)));
    assertEquals("386", TracerSource.elfArchitecture(header(1, 1, 0x03)));
    assertNull(TracerSource.elfArchitecture(header(2, 1, 0x1234)));
    byte[] script = "#!/bin/sh\necho strace\n".getBytes();
    assertNull(TracerSource.elfArchitecture(script));
  }

  @Test
  void anEmptyFileHidingStraceHasNoArchitecture(@TempDir Path dir) throws Exception {
    assertNull(TracerSource.elfArchitecture(Files.createFile(dir.resolve("strace"))));
    assertNull(TracerSource.elfArchitecture(dir.resolve("missing")));
  }

  @Test
  void thisJvmsOwnBinaryIsOfTheHostsArchitecture() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    assertEquals(TracerSource.hostArchitecture(), TracerSource.elfArchitecture(java));
  }

  @Test
  void theImagesStraceIsRunFromTheImageWithNothingMounted() {
    TracerKit kit = TracerKit.inImage();
    assertEquals(ImageCatalog.TRACER.name(), kit.image());
    assertNull(kit.mount());
    List<String> c = kit.command("/trace/calls", List.of());
    assertEquals(TracerKit.IN_IMAGE, c.get(0));
    assertFalse(String.join(" ", c).contains(TracerKit.MOUNT + "/"), c.toString());
  }

  /** The first 20 bytes of an ELF header: class (1: 32-bit, 2: 64), data (1: LE, 2: BE). */
  private static byte[] header(int elfClass, int data, int machine) {
    byte[] h = new byte[20];
    h[0] = 0x7f;
    h[1] = 'E';
    h[2] = 'L';
    h[3] = 'F';
    h[4] = (byte) elfClass;
    h[5] = (byte) data;
    if (data == 1) {
      h[18] = (byte) machine;
      h[19] = (byte) (machine >> 8);
    } else {
      h[19] = (byte) machine;
      h[18] = (byte) (machine >> 8);
    }
    return h;
  }
}
