package io.containercodes.lab.images;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StaticBinaryTest {
  @Test
  void dynamicExecutablesAndNonElfFilesAreNotStatic() {
    assertFalse(StaticBinary.isStaticElf(Path.of("/bin/ls")), "ls uses the dynamic loader");
    assertFalse(StaticBinary.isStaticElf(Path.of("/etc/os-release")));
    assertFalse(StaticBinary.isStaticElf(Path.of("/nonexistent")));
  }
}
