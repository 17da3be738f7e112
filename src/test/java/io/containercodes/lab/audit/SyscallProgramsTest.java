package io.containercodes.lab.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyscallProgramsTest {
  @Test
  void eachProgramIsAStaticX8664ExecutableWhoseSegmentCoversTheFile() {
    Map<String, byte[]> programs = SyscallPrograms.forArchitecture("amd64");
    assertEquals(
        java.util.Set.of("mount", "unshare", "keyctl", "process_vm_readv"), programs.keySet());
    for (byte[] elf : programs.values()) {
      ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals(0x464c457f, b.getInt(0)); // \x7fELF
      assertEquals(2, b.getShort(16)); // ET_EXEC
      assertEquals(0x3e, b.getShort(18)); // x86-64
      assertEquals(0x400078L, b.getLong(24)); // entry right after the headers
      assertEquals(1, b.getInt(64)); // PT_LOAD
      assertEquals(elf.length, b.getLong(64 + 32)); // p_filesz
    }
  }

  @Test
  void arm64GetsTheSameFourForItsOwnMachine() {
    Map<String, byte[]> programs = SyscallPrograms.forArchitecture("aarch64");
    assertEquals(SyscallPrograms.forArchitecture("amd64").keySet(), programs.keySet());
    programs.forEach(
        (name, elf) -> {
          ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
          assertEquals(0xb7, b.getShort(18)); // AArch64
          int data = name.equals("mount") ? 2 : 0; // mount carries its "/" after the code
          assertEquals(0, (elf.length - 120 - data) % 4, name + ": whole 4-byte instructions");
        });
  }

  @Test
  void otherArchitecturesGetNoneAndTheProbeSaysUntested() {
    assertTrue(SyscallPrograms.forArchitecture("riscv64").isEmpty());
  }
}
