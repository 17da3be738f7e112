package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SshCommandTest {
  @Test
  void withoutAPathItIsTheDockerClisOwnCommand() {
    assertEquals(
        List.of(
            "ssh",
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=30",
            "-T",
            "-l",
            "ada",
            "-p",
            "2222",
            "--",
            "build.example",
            "docker",
            "system",
            "dial-stdio"),
        SshCommand.of(URI.create("ssh://ada@build.example:2222"), Map.of()));
    assertEquals(
        List.of(
            "ssh",
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=30",
            "-T",
            "--",
            "host",
            "docker",
            "system",
            "dial-stdio"),
        SshCommand.of(URI.create("ssh://host/"), Map.of()));
  }

  @Test
  void aSocketPathIsTheRemoteClientsHostAsInDockerCli29() {
    assertEquals(
        List.of(
            "ssh",
            "-F",
            "/tmp/cfg",
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=30",
            "-T",
            "-l",
            "core",
            "--",
            "vm",
            "docker",
            "--host=unix:///run/user/1000/podman/podman.sock",
            "system",
            "dial-stdio"),
        SshCommand.of(
            URI.create("ssh://core@vm/run/user/1000/podman/podman.sock"),
            Map.of(SshCommand.CONFIG_VARIABLE, "/tmp/cfg")));
  }

  @Test
  void addressesTheDockerCliRefusesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SshCommand.of(URI.create("ssh://ada:secret@host"), Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> SshCommand.of(URI.create("ssh://host?x=1"), Map.of()));
    assertThrows(
        IllegalArgumentException.class, () -> SshCommand.of(URI.create("ssh:///x"), Map.of()));
  }
}
