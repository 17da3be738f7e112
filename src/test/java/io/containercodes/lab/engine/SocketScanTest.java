package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketScanTest {
  @TempDir Path dir;

  @Test
  void aHardLinkToAGuardedSocketIsFoundAtAnyDepthByItsIdentity() throws Exception {
    Path socket = dir.resolve("engine.sock");
    try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      s.bind(UnixDomainSocketAddress.of(socket));
      Path deep = Files.createDirectories(dir.resolve("p/1/2/3/4/5/6/7/8"));
      Files.createLink(deep.resolve("x"), socket);
      SocketScan scan = new SocketScan(Map.of(SocketScan.fileKey(socket), "the engine's socket"));
      SocketScan.Result r = scan.scan(dir.resolve("p"));
      assertEquals(deep.resolve("x"), r.found());
      assertEquals("the engine's socket", r.what());
    }
  }

  @Test
  void aGuardedDirectoryIsFoundByIdentityWhateverItsName() throws Exception {
    Path guarded = Files.createDirectories(dir.resolve("state"));
    Path project = Files.createDirectories(dir.resolve("project"));
    SocketScan scan = new SocketScan(Map.of(SocketScan.fileKey(guarded), "the engine's state"));
    assertNull(scan.scan(project).found());
    assertEquals("the engine's state", scan.scan(dir).what());
  }

  @Test
  void aWalkThatCannotFinishSaysSoInsteadOfPassing() throws Exception {
    for (int i = 0; i < 30; i++) {
      Files.createFile(dir.resolve("f" + i));
    }
    SocketScan.Result r = new SocketScan(Map.of(), 10, 60_000).scan(dir);
    assertTrue(r.unfinished());
    assertTrue(new SocketScan(Map.of(), 100, 60_000).scan(dir).equals(SocketScan.Result.NOTHING));
  }
}
