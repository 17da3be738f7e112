package io.containercodes.lab.images;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check must be able to say yes as well as no: minimal ELF files written here differ only in
 * whether a program header asks for an interpreter (PT_INTERP), so a check that always said "not
 * static" fails the first test (#28.5).
 */
class StaticBinaryTest {
  private static final int PT_LOAD = 1;
  private static final int PT_INTERP = 3;
  private static final int PT_NOTE = 4;

  @TempDir Path dir;

  /** A 64-bit little-endian ELF header followed by program headers of these types. */
  private Path elf(String name, int... programHeaderTypes) throws IOException {
    int phoff = 64;
    int phentsize = 56;
    ByteBuffer b =
        ByteBuffer.allocate(phoff + phentsize * programHeaderTypes.length)
            .order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    b.putShort(0x10, (short) 2); // ET_EXEC
    b.putShort(0x12, (short) 62); // x86-64
    b.putInt(0x14, 1);
    b.putLong(0x20, phoff);
    b.putShort(0x34, (short) 64);
    b.putShort(0x36, (short) phentsize);
    b.putShort(0x38, (short) programHeaderTypes.length);
    for (int i = 0; i < programHeaderTypes.length; i++) {
      b.putInt(phoff + i * phentsize, programHeaderTypes[i]);
    }
    return Files.write(dir.resolve(name), b.array());
  }

  @Test
  void anElfWithoutAnInterpreterIsStatic() throws IOException {
    assertTrue(StaticBinary.isStaticElf(elf("static", PT_LOAD, PT_NOTE)));
  }

  @Test
  void anElfThatNamesAnInterpreterAnywhereIsNot() throws IOException {
    assertFalse(StaticBinary.isStaticElf(elf("dynamic", PT_LOAD, PT_NOTE, PT_INTERP)));
  }

  @Test
  void dynamicExecutablesAndNonElfFilesAreNotStatic() throws IOException {
    assertFalse(StaticBinary.isStaticElf(Path.of("/bin/ls")), "ls uses the dynamic loader");
    assertFalse(StaticBinary.isStaticElf(Path.of("/etc/os-release")));
    assertFalse(StaticBinary.isStaticElf(Path.of("/nonexistent")));
    byte[] bigEndian = Files.readAllBytes(elf("big-endian", PT_LOAD));
    bigEndian[5] = 2; // ELFDATA2MSB: a format the check does not read
    assertFalse(StaticBinary.isStaticElf(Files.write(dir.resolve("msb"), bigEndian)));
  }
}
