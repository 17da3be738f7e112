package io.containercodes.lab.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.LabProcess;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.EngineConnector;
import io.containercodes.lab.engine.HostSetups;
import io.containercodes.lab.engine.LabLabels;
import io.containercodes.lab.host.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 29: on a host that cannot build the lab's images from its own binaries (no static busybox,
 * no debootstrap: hidden here in a mount namespace), the lab builds them on the engine from their
 * upstream bases, pulled through {@code CCLAB_REGISTRY_MIRROR} from a registry on 127.0.0.1 that
 * this test seeds with upstream-named images it makes (the lab's own, re-tagged), so no internet is
 * needed. It runs on a private Docker Engine it starts and stops (scripts/private-dockerd), never
 * on the shared Podman, whose images it only reads to seed the registry.
 */
@Tag("setups")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineBuildIT {
  private static final String DOCKERD = "cclab-engine-build";

  private static MirroredDockerd dockerd;
  private static LoopbackRegistry registry;
  private static String host;
  private static Engine engine;
  private static Path work;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "a private Docker Engine and a mount namespace need root");
    work = Files.createTempDirectory("cclab-engine-build-");
    dockerd = MirroredDockerd.start(DOCKERD, work, null);
    host = dockerd.host();
    engine = dockerd.engine();
    registry = dockerd.registry();
  }

  private static String mirrored(ImageCatalog.Entry entry) {
    return dockerd.mirrored(entry);
  }

  @AfterAll
  static void stop() throws Exception {
    if (dockerd != null) {
      dockerd.close();
    }
    if (work != null) {
      FileTrees.delete(work);
    }
  }

  @Test
  @Order(1)
  void withoutHostToolsBothImagesAreBuiltOnTheEngineFromTheMirror() throws Exception {
    LabProcess.Run r = labWithoutHostTools("images", "prepare");
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().contains("cclab/busybox: built on the engine"), r.out());
    assertTrue(r.out().contains("cclab/python: built on the engine"), r.out());
    assertFalse(r.out().contains("sudo"), r.out());
    for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
      Map<String, String> labels = engine.inspectImage(entry.reference()).orElseThrow().labels();
      String pinned = engine.pinnedReference(mirrored(entry)).orElseThrow();
      assertTrue(pinned.startsWith(registry.address() + "/library/"), pinned);
      assertEquals(
          EngineRecipe.labels(entry, pinned),
          Map.of(
              LabLabels.IMAGE, labels.get(LabLabels.IMAGE),
              LabLabels.RECIPE, labels.get(LabLabels.RECIPE),
              LabLabels.SOURCE, labels.get(LabLabels.SOURCE)));
    }
  }

  @Test
  @Order(2)
  void theBuiltImagesHaveTheLabUserAndRunTheLessonsTools() throws Exception {
    assertEquals(
        "uid=1000(lab) gid=1000(lab) groups=1000(lab)",
        docker(
            "run", "--rm", "--network", "none", "--user", "lab", "localhost/cclab/busybox", "id"));
    assertEquals(
        "1000 /home/lab",
        docker(
            "run",
            "--rm",
            "--network",
            "none",
            "--user",
            "lab",
            "localhost/cclab/python",
            "python3",
            "-c",
            "import os; print(os.getuid(), os.path.expanduser('~'))"));
    assertEquals(
        "ok",
        docker(
            "run",
            "--rm",
            "--network",
            "none",
            "localhost/cclab/python",
            "/usr/bin/env",
            "python3",
            "-c",
            "print('ok')"));
  }

  @Test
  @Order(3)
  void anImageTheHostDidNotBuildIsUsedAsItIsWithoutAHostRecipe() throws Exception {
    LabProcess.Run r = labWithoutHostTools("images", "prepare");
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().contains("cclab/busybox: up to date"), r.out());
    assertTrue(r.out().contains("cclab/python: up to date"), r.out());
  }

  @Test
  @Order(4)
  void aHostBuiltImageLoadedHereIsUsedWithoutTheHostsBusybox() throws Exception {
    // issue 29: a bundle built on a Debian host, loaded where there is no static busybox, was
    // rejected because its recipe hash was recomputed from the missing binary (18 demos failed)
    docker("load", "-i", work.resolve("cclab-busybox.tar").toString());
    assertEquals(
        "built",
        engine
            .inspectImage(ImageCatalog.BUSYBOX.reference())
            .orElseThrow()
            .labels()
            .get(LabLabels.SOURCE));
    LabProcess.Run r = labWithoutHostTools("images", "prepare", "cclab/busybox");
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().contains("cclab/busybox: up to date"), r.out());
  }

  @Test
  @Order(5)
  void theAuditsProbeToolsComeFromTheLabsImage() throws Exception {
    Map<String, String> env = labEnv();
    Path busybox = new LabImages(engine, env, m -> {}).labBusybox();
    assertTrue(busybox.startsWith(work), busybox.toString());
    assertTrue(StaticBinary.isStaticElf(busybox), busybox.toString());
    byte[] inImage = engine.readImageFile(ImageCatalog.BUSYBOX.reference(), "/bin/busybox");
    assertTrue(java.util.Arrays.equals(inImage, Files.readAllBytes(busybox)));
  }

  @Test
  @Order(6)
  void anAuditRunsWithoutTheHostsBusybox() throws Exception {
    LabProcess.Run r =
        labWithoutHostTools(
            "audit", "--json", "--", "docker", "run", "--rm", "--network", "none", "cclab/busybox");
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().contains("\"score\""), r.out());
    assertFalse(r.out().contains("static busybox"), r.out());
  }

  @Test
  @Order(7)
  void theWholeEpisodeVerifiesOnTheEngineBuiltImages() throws Exception {
    // issue 29: the upstream images lacked the lab user ("no matching entries in passwd file");
    // every demo, the host's tools still hidden, passes or is skipped with the host's reason;
    // on the engine's own busybox build again, not the host build test 4 loaded
    docker("rmi", "localhost/cclab/busybox");
    Path folder = Files.createDirectories(work.resolve("learner"));
    LabProcess.Run r = labWithoutHostTools(folder, "verify");
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().contains("Built cclab/busybox on the engine"), r.out());
    assertFalse(r.out().contains("passwd"), r.out());
    assertFalse(r.out().contains("could not run"), r.out());
    assertTrue(r.out().matches("(?s).*\\n\\d+ passed, 0 failed, \\d+ skipped.*"), r.out());
    for (String line : r.out().lines().filter(l -> l.startsWith("  – ")).toList()) {
      assertTrue(line.matches(".*skipped: \\S.*"), "a skip without its reason: " + line);
    }
  }

  @Test
  @Order(7)
  void withoutTheHostsStraceTheSandboxTracesTheHostileSampleWithTheTracerImage() throws Exception {
    // issue 29: a Mac, or an engine of another architecture, has no strace to lend the sandbox;
    // the script ran untraced ("what it tried is unknown")
    Path sample = HostSetups.root().resolve("demos/ai-code/ai_generated.py");
    Path folder = Files.createDirectories(work.resolve("sandboxed"));
    LabProcess.Run r = labWithoutHostTools(folder, "sandbox", "run", "--json", sample.toString());
    assertTrue(
        r.out().contains("The sandbox's tracer comes from cclab/tracer: the host has no strace."),
        r.out());
    assertFalse(r.out().contains("without being watched"), r.out());
    assertTrue(r.out().matches("(?s).*\"observed\"\\s*:\\s*true.*"), r.out());
    // the trace's findings: the cron job it tried to leave, the name it looked up
    assertTrue(r.out().contains("/etc/cron.d/ai-helper"), r.out());
    assertTrue(r.out().matches("(?s).*\"kind\"\\s*:\\s*\"dns\".*"), r.out());
    Map<String, String> labels =
        engine.inspectImage(ImageCatalog.TRACER.reference()).orElseThrow().labels();
    String pinned = engine.pinnedReference(mirrored(ImageCatalog.TRACER)).orElseThrow();
    assertEquals(EngineRecipe.SOURCE, labels.get(LabLabels.SOURCE));
    assertEquals(EngineRecipe.hash(ImageCatalog.TRACER, pinned), labels.get(LabLabels.RECIPE));
    assertTrue(
        docker("run", "--rm", "--network", "none", ImageCatalog.TRACER.reference(), "strace", "-V")
            .startsWith("strace -- version"));
  }

  @Test
  @Order(8)
  void anUnreachableRegistryFailsOncePerImageInASentenceWithoutSudo() throws Exception {
    // the last test: the busybox image is not put back (the engine is stopped after it)
    docker("rmi", "localhost/cclab/busybox");
    Map<String, String> env = labEnv();
    env.put("CCLAB_REGISTRY_MIRROR", "127.0.0.1:" + LoopbackRegistry.freePort());
    List<String> said = new ArrayList<>();
    LabImages images = new LabImages(engine, env, said::add);
    EnvironmentProblem first =
        assertThrows(
            EnvironmentProblem.class,
            () -> images.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.PULL));
    int tries = said.size();
    assertSame(
        first,
        assertThrows(
            EnvironmentProblem.class,
            () -> images.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.PULL)));
    assertEquals(tries, said.size(), "a second pull was tried: " + said);
    String m = first.getMessage() + " " + first.fix();
    assertFalse(m.contains("\n") || m.contains("\\n") || m.contains("{") || m.contains("sudo"), m);
    assertTrue(m.contains("cclab images load FILE"), m);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static Map<String, String> labEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", work.resolve("home").toString());
    env.put("XDG_STATE_HOME", work.resolve("state").toString());
    env.put("CCLAB_CACHE_DIR", work.resolve("cache").toString());
    env.put(EngineConnector.HOST_VARIABLE, host);
    env.put("CCLAB_INSTALL_ENGINE", "0");
    env.put("CCLAB_REGISTRY_MIRROR", registry.address());
    env.put("CCLAB_HOME", HostSetups.root().toString());
    return env;
  }

  /**
   * {@code cclab ARGS} in a mount namespace where the host's busybox, strace and debootstrap are
   * empty files, with the lab's environment only.
   */
  private static LabProcess.Run labWithoutHostTools(String... args) throws Exception {
    return labWithoutHostTools(work, args);
  }

  /** The same, in {@code dir}. */
  private static LabProcess.Run labWithoutHostTools(Path dir, String... args) throws Exception {
    String hide = MirroredDockerd.hidingHostTools(work.resolve("empty"), false);
    return LabProcess.withEnv(labEnv()).inMountNamespace(hide).run(dir, 10, args);
  }

  private static String docker(String... args) throws Exception {
    return dockerd.docker(args);
  }
}
