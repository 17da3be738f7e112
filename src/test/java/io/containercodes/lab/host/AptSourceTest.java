package io.containercodes.lab.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptSourceTest {
  @TempDir Path apt;

  @Test
  void readsDeb822AndSkipsSecurityAndThirdPartySources() throws IOException {
    Files.createDirectories(apt.resolve("sources.list.d"));
    Files.writeString(
        apt.resolve("sources.list.d/a-nodesource.sources"),
        """
        Types: deb
        URIs: https://deb.nodesource.com/node_20.x
        Suites: nodistro
        Components: main
        """);
    Files.writeString(
        apt.resolve("sources.list.d/debian.sources"),
        """
        Types: deb
        # http://snapshot.debian.org/archive/debian-security/20250520T000000Z
        URIs: http://deb.debian.org/debian-security
        Suites: bookworm-security
        Components: main

        Types: deb
        URIs: http://deb.debian.org/debian
        Suites: bookworm bookworm-updates
        Components: main
        """);
    assertEquals(
        new AptSource("http://deb.debian.org/debian", "bookworm"),
        AptSource.read(apt).orElseThrow());
  }

  @Test
  void readsTheOneLineFormatWithOptions() throws IOException {
    Files.writeString(
        apt.resolve("sources.list"),
        "# comment\n"
            + "deb-src http://archive.ubuntu.com/ubuntu jammy main\n"
            + "deb [arch=amd64 signed-by=/k.gpg] http://archive.ubuntu.com/ubuntu jammy main"
            + " universe\n");
    assertEquals(
        new AptSource("http://archive.ubuntu.com/ubuntu", "jammy"),
        AptSource.read(apt).orElseThrow());
  }

  @Test
  void noSourcesIsEmpty() {
    assertTrue(AptSource.read(apt).isEmpty());
  }
}
