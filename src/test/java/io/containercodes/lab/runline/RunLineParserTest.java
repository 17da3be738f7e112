package io.containercodes.lab.runline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.RunSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLineParserTest {
  private final RunLineParser parser = new RunLineParser(Path.of("/lab/demos/ai-code"));

  @Test
  void parsesTheSeedsHardenedLine() {
    RunSpec s =
        parser
            .parse(
                """
                podman run -it --rm \\
                    --security-opt no-new-privileges \\
                    --cap-drop ALL \\
                    --read-only \\
                    --tmpfs /app:rw,noexec,nosuid,size=50m \\
                    --network none \\
                    --memory 256m \\
                    --cpus 0.25 \\
                    -v $(pwd)/ai_generated.py:/app/test.py:ro \\
                    cclab/python python3 /app/test.py
                """)
            .spec();
    assertEquals("cclab/python", s.image());
    assertEquals(List.of("python3", "/app/test.py"), s.command());
    assertEquals(List.of("no-new-privileges"), s.securityOpts());
    assertEquals(List.of("ALL"), s.capDrop());
    assertTrue(s.readOnlyRoot());
    assertEquals(List.of(new RunSpec.Tmpfs("/app", "rw,noexec,nosuid,size=50m")), s.tmpfs());
    assertEquals("none", s.network());
    assertEquals(256L << 20, s.memoryBytes());
    assertEquals(250_000_000L, s.nanoCpus());
    assertEquals(
        List.of(
            new RunSpec.BindMount(
                "/lab/demos/ai-code/ai_generated.py", "/app/test.py", true, List.of())),
        s.binds());
  }

  @Test
  void acceptsEqualsFormsAndDockerAndContainerRun() {
    RunSpec s =
        parser
            .parse(
                "docker container run --memory=100m --memory-swap=100m --pids-limit=64 "
                    + "--ulimit nofile=64:128 --net=none cclab/busybox")
            .spec();
    assertEquals(100L << 20, s.memoryBytes());
    assertEquals(100L << 20, s.memorySwapBytes());
    assertEquals(64L, s.pidsLimit());
    assertEquals(List.of(new RunSpec.Ulimit("nofile", 64, 128)), s.ulimits());
    assertEquals("none", s.network());
    assertEquals(List.of(), s.command());
  }

  @Test
  void flagsAfterTheImageBelongToTheContainersCommand() {
    RunSpec s = parser.parse("podman run cclab/busybox ls --memory -la").spec();
    assertNull(s.memoryBytes());
    assertEquals(List.of("ls", "--memory", "-la"), s.command());
  }

  @Test
  void quotedCommandsKeepTheirWords() {
    RunSpec s =
        parser.parse("podman run cclab/busybox sh -c 'echo $HOME > /tmp/x; cat /tmp/x'").spec();
    assertEquals(List.of("sh", "-c", "echo $HOME > /tmp/x; cat /tmp/x"), s.command());
  }

  @Test
  void anUnknownFlagIsNamed() {
    InvalidInput e =
        assertThrows(
            InvalidInput.class, () -> parser.parse("podman run --frobnicate cclab/busybox"));
    assertTrue(e.getMessage().contains("--frobnicate"), e.getMessage());
  }

  @Test
  void aRealButUnsupportedFlagSaysWhy() {
    InvalidInput e =
        assertThrows(InvalidInput.class, () -> parser.parse("podman run -P cclab/busybox"));
    assertTrue(e.getMessage().contains("-P") && e.getMessage().contains("network"), e.getMessage());
    InvalidInput d =
        assertThrows(
            InvalidInput.class, () -> parser.parse("podman run --detach=true cclab/busybox"));
    assertTrue(d.getMessage().contains("--detach"), d.getMessage());
  }

  @Test
  void badValuesNameTheFlag() {
    assertMessage("--memory", "podman run --memory lots cclab/busybox");
    assertMessage("--cpus", "podman run --cpus -1 cclab/busybox");
    assertMessage("--cap-drop", "podman run --cap-drop SUPERPOWER cclab/busybox");
    assertMessage("--ulimit", "podman run --ulimit nofile=9:1 cclab/busybox");
    assertMessage("-v", "podman run -v relative:/x cclab/busybox");
    assertMessage("--security-opt", "podman run --security-opt seccomp=profile.json cclab/busybox");
  }

  /**
   * Values the engines refuse with raw JSON, or read as "no limit", get a sentence here (#12.6,
   * #12.14).
   */
  @Test
  void limitValuesTheEnginesRefuseOrMisreadAreUsageErrors() {
    assertMessage("below 6 MiB", "podman run --memory 1k cclab/busybox");
    assertMessage("cannot be smaller", "podman run --memory 128m --memory-swap 64m cclab/busybox");
    assertMessage("without --memory", "podman run --memory-swap 64m cclab/busybox");
    assertMessage("below 0.01", "podman run --cpus 0.0000001 cclab/busybox");
    assertMessage("positive number", "podman run --cpus 0 cclab/busybox");
    assertMessage(
        "more memory than any machine", "podman run --memory 99999999999999999999g cclab/busybox");
    assertMessage("--pids-limit", "podman run --pids-limit -5 cclab/busybox");
    assertMessage("--memory ib", "podman run --memory ib cclab/busybox");
    assertMessage("at least 1 second", "podman run --timeout 0 cclab/busybox");
    assertMessage("at least 1 second", "podman run --timeout -3 cclab/busybox");
    // #24.8: these came back as the engine's raw JSON
    assertMessage("more CPU time than the kernel can grant", "podman run --cpus 1e9 cclab/busybox");
    assertMessage(
        "--ulimit nproc=-1: a negative value", "podman run --ulimit nproc=-1 cclab/busybox");
    assertEquals(
        175_921_860L * 1_000_000_000L,
        parser.parse("podman run --cpus 175921860 cclab/busybox").spec().nanoCpus(),
        "the largest count the kernel takes still parses");
  }

  @Test
  void valuesThatTurnALimitOffStayVisibleForTheSafetyCapsToAnnounce() {
    assertEquals(0L, parser.parse("podman run --memory 0 cclab/busybox").spec().memoryBytes());
    assertEquals(-1L, parser.parse("podman run --pids-limit 0 cclab/busybox").spec().pidsLimit());
    assertEquals(-1L, parser.parse("podman run --pids-limit -1 cclab/busybox").spec().pidsLimit());
    assertTrue(
        parser
            .parse("podman run --cpus 64 cclab/busybox")
            .notes()
            .get(0)
            .contains("limits nothing"));
  }

  @Test
  void hostVariablesAreNeverForwarded() {
    assertMessage("-e HOME", "podman run -e HOME cclab/busybox");
    RunSpec s = parser.parse("podman run -e GREETING=hi cclab/busybox").spec();
    assertEquals("hi", s.env().get("GREETING"));
  }

  @Test
  void onlyRunLinesAreAccepted() {
    assertMessage("sudo", "sudo podman run cclab/busybox");
    assertMessage("not podman or docker", "rm -rf / --no-preserve-root");
    assertMessage("not a run command", "podman exec abc sh");
    assertMessage("names no image", "podman run --rm");
  }

  @Test
  void noShellExpansionHappensOnTheHost() {
    assertMessage("$HOME", "podman run -v $HOME:/h cclab/busybox");
    assertMessage("shell syntax", "podman run cclab/busybox echo hi; rm -rf /");
    assertMessage("shell syntax", "podman run cclab/busybox echo `id`");
  }

  @Test
  void notesExplainFlagsTheLabTreatsDifferently() {
    RunLineParser.ParsedRun p =
        parser.parse("podman run -it --rm --name dev --timeout 5 cclab/busybox");
    assertEquals(2, p.notes().size(), p.notes().toString());
    assertEquals(Duration.ofSeconds(5), p.spec().timeout());
    assertFalse(p.spec().labels().isEmpty());
  }

  @Test
  void withoutFlagsRemovesFlagsAndTheirValuesBeforeTheImageOnly() {
    List<String> words =
        parser.split(
            "podman run --rm --memory=100m --memory-swap 100m --network none "
                + "cclab/busybox sh -c 'echo --network none'");
    assertEquals(
        parser.split("podman run --rm --network none cclab/busybox sh -c 'echo --network none'"),
        parser.withoutFlags(words, List.of("--memory", "--memory-swap")));
    assertEquals(
        parser.split(
            "podman run --rm --memory=100m --memory-swap 100m cclab/busybox sh -c 'echo --network"
                + " none'"),
        parser.withoutFlags(words, List.of("--network")));
  }

  @Test
  void joinQuotesWordsSoTheyReadBackTheSame() {
    List<String> words =
        List.of("podman", "run", "cclab/busybox", "sh", "-c", "echo \"it's\" $HOME; ls", "a b", "");
    assertEquals(words, parser.split(CommandLineTokenizer.join(words)));
  }

  private void assertMessage(String expected, String line) {
    InvalidInput e = assertThrows(InvalidInput.class, () -> parser.parse(line));
    assertTrue(
        e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
  }

  @Test
  void mountIsTheLongSpellingOfVolumeAndTmpfs() {
    RunSpec s =
        parser
            .parse(
                "podman run --mount type=bind,source=/srv/app,target=/app,readonly "
                    + "--mount type=tmpfs,destination=/tmp,tmpfs-size=64m cclab/busybox")
            .spec();
    assertEquals(List.of(new RunSpec.BindMount("/srv/app", "/app", true, List.of())), s.binds());
    assertEquals(List.of(new RunSpec.Tmpfs("/tmp", "rw,size=64m")), s.tmpfs());
    InvalidInput volume =
        assertThrows(
            InvalidInput.class,
            () -> parser.parse("podman run --mount type=volume,src=data,dst=/data cclab/busybox"));
    assertTrue(volume.getMessage().contains("type=volume is not supported"), volume.getMessage());
    assertThrows(
        InvalidInput.class,
        () -> parser.parse("podman run --mount type=bind,src=rel,dst=/x cclab/busybox"));
  }

  @Test
  void devicesTakeTheDockerSpellings() {
    assertEquals(
        List.of(new RunSpec.Device("/dev/fuse", "/dev/fuse", "rwm")),
        parser.parse("podman run --device /dev/fuse cclab/busybox").spec().devices());
    assertEquals(
        List.of(new RunSpec.Device("/dev/sda", "/dev/xvda", "r")),
        parser.parse("podman run --device /dev/sda:/dev/xvda:r cclab/busybox").spec().devices());
    assertEquals(
        List.of(new RunSpec.Device("/dev/kmsg", "/dev/kmsg", "rw")),
        parser.parse("podman run --device /dev/kmsg:rw cclab/busybox").spec().devices());
    assertThrows(
        InvalidInput.class,
        () -> parser.parse("podman run --device /dev/sda:/dev/x:rwx cclab/busybox"));
  }

  @Test
  void publishedPortsAreParsedAndTheLabSaysItBindsThemToLoopback() {
    RunLineParser.ParsedRun r =
        parser.parse(
            "podman run -p 8080:80 -p 127.0.0.1:5432:5432 -p [::1]::53/udp --publish 9000"
                + " cclab/busybox");
    assertEquals(
        List.of(
            new RunSpec.Publish("", 8080, 80, "tcp"),
            new RunSpec.Publish("127.0.0.1", 5432, 5432, "tcp"),
            new RunSpec.Publish("::1", null, 53, "udp"),
            new RunSpec.Publish("", null, 9000, "tcp")),
        r.spec().publish());
    assertTrue(r.spec().publish().get(0).allInterfaces());
    assertFalse(r.spec().publish().get(1).allInterfaces());
    assertTrue(
        r.notes().stream().anyMatch(n -> n.contains("127.0.0.1 only")), r.notes().toString());
    assertMessage("not a port", "podman run -p 8000-8010:8000-8010 cclab/busybox");
    assertMessage("-p", "podman run -p 1:2:3:4 cclab/busybox");
  }

  @Test
  void serviceFlagsOfRealLinesAreAccepted() {
    RunSpec s =
        parser
            .parse(
                "docker run --restart on-failure:5 --health-cmd 'curl -f http://localhost/'"
                    + " --cgroup-parent /custom --cpu-shares 512 --read-only"
                    + " --read-only-tmpfs=false --security-opt label=disable cclab/busybox")
            .spec();
    assertEquals("on-failure:5", s.restartPolicy());
    assertEquals("curl -f http://localhost/", s.healthCmd());
    assertEquals("/custom", s.cgroupParent());
    assertEquals(512L, s.cpuShares());
    assertFalse(s.readOnlyTmpfs());
    assertEquals(List.of("label=disable"), s.securityOpts());
    assertMessage("--restart", "podman run --restart sometimes cclab/busybox");
  }

  @Test
  void readOnlyTmpfsWithoutAValueDoesNotEatTheImage() {
    RunSpec s = parser.parse("podman run --read-only --read-only-tmpfs cclab/busybox true").spec();
    assertEquals("cclab/busybox", s.image());
    assertTrue(s.readOnlyTmpfs());
    assertNull(parser.parse("podman run --read-only cclab/busybox").spec().readOnlyTmpfs());
  }

  @Test
  void mountPropagationIsKeptNotDropped() {
    assertEquals(
        List.of(new RunSpec.BindMount("/srv", "/srv", false, List.of("rshared"))),
        parser
            .parse(
                "podman run --mount type=bind,src=/srv,dst=/srv,bind-propagation=rshared"
                    + " cclab/busybox")
            .spec()
            .binds());
    assertEquals(
        List.of(new RunSpec.BindMount("/srv", "/srv", true, List.of("shared"))),
        parser.parse("podman run -v /srv:/srv:ro,shared cclab/busybox").spec().binds());
    assertMessage(
        "bind-propagation",
        "podman run --mount type=bind,src=/srv,dst=/srv,bind-propagation=wide cclab/busybox");
  }

  @Test
  void wordsStartingWithAnAtSignAreWordsNotHostFiles() throws Exception {
    Path file = java.nio.file.Files.createTempFile("cclab-atfile", ".txt");
    try {
      java.nio.file.Files.writeString(file, "--privileged\n");
      assertEquals(
          List.of("echo", "@" + file),
          parser.parse("podman run cclab/busybox echo @" + file).spec().command());
      RunSpec s = parser.parse("podman run --rm @" + file + " sh").spec();
      assertEquals("@" + file, s.image());
      assertFalse(s.privileged());
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  /** Found by the fuzz property: Path.of's own exception escaped instead of a sentence. */
  @Test
  void aHostPathWithANulCharacterIsAnErrorNamingTheFlag() {
    assertMessage("-v", "podman run -v '/a\0b:/c' cclab/busybox");
    assertMessage("--mount", "podman run --mount type=bind,src=/a\0b,dst=/c cclab/busybox");
    assertMessage("--security-opt", "podman run --security-opt seccomp=/a\0b cclab/busybox");
  }

  /** Found by the round-trip property: --mount is -v's long spelling, so it names paths alike. */
  @Test
  void mountAndVolumeNormalizeTheHostPathAlike() {
    RunSpec s =
        parser
            .parse("podman run -v /srv/../etc/:/a --mount type=bind,src=/srv/../etc/,dst=/b img")
            .spec();
    assertEquals("/etc", s.binds().get(0).hostPath());
    assertEquals("/etc", s.binds().get(1).hostPath());
  }

  /** SELinux's own syntax is type:TYPE and level:LEVEL; only the key's separator is normalized. */
  @Test
  void aLabelValueKeepsItsColons() {
    assertEquals(
        List.of("label=type:container_t", "label=level:s0:c1,c2", "apparmor=unconfined"),
        parser
            .parse(
                "podman run --security-opt label=type:container_t --security-opt"
                    + " label:level:s0:c1,c2 --security-opt apparmor:unconfined img")
            .spec()
            .securityOpts());
  }
}
