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
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.host.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 29 on Podman 4.3, as {@link EngineBuildIT} on Docker Engine: a learner's machine without a
 * static busybox, strace or debootstrap (hidden in a mount namespace) and with only the room's
 * registry on 127.0.0.1 as a source. The lab builds both images through Podman's compat build API
 * from their upstream bases pinned by digest, and the whole episode's verify passes on them. The
 * Podman service is the test's own ({@link PrivatePodman}), configured with the registries.conf the
 * lab's own service writes for that {@code CCLAB_REGISTRY_MIRROR}: no hand-edited file.
 */
@Tag("setups")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PodmanEngineBuildIT {
  private static final String NAME = "cclab-podman-build";

  private static PrivatePodman podman;
  private static Engine engine;
  private static Path work;
  private static String privateVerify;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "a Podman service of its own and a mount namespace need root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "needs Podman");
    work = Files.createTempDirectory("cclab-podman-build-");
    podman = PrivatePodman.start(NAME, work);
    engine = podman.engine();
  }

  @AfterAll
  static void stop() throws Exception {
    if (podman != null) {
      podman.close();
    }
    if (work != null) {
      FileTrees.delete(work);
    }
  }

  @Test
  @Order(1)
  void withoutHostToolsBothImagesAreBuiltOnPodmanFromTheMirror() throws Exception {
    LabProcess.Run r = labWithoutHostTools(work, "images", "prepare");
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().contains("cclab/busybox: built on the engine"), r.out());
    assertTrue(r.out().contains("cclab/python: built on the engine"), r.out());
    assertFalse(r.out().contains("sudo"), r.out());
    for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
      Map<String, String> labels = engine.inspectImage(entry.reference()).orElseThrow().labels();
      String pinned = engine.pinnedReference(podman.mirrored(entry)).orElseThrow();
      assertTrue(pinned.startsWith(podman.registry().address() + "/library/"), pinned);
      assertTrue(pinned.contains("@sha256:"), pinned);
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
  void theBuiltImagesHaveTheLabUser() throws Exception {
    assertEquals(
        "uid=1000(lab) gid=1000(lab) groups=1000(lab)",
        podman.podman(
            "run", "--rm", "--network", "none", "--user", "lab", "localhost/cclab/busybox", "id"));
    assertEquals(
        "1000 /home/lab",
        podman.podman(
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
  }

  /**
   * Issue 29 on Podman: without the host's strace (as on a Mac, or an engine of another
   * architecture) the sandbox's tracer is a {@code cclab/tracer} Podman builds through its compat
   * build API from the mirrored python:3.11-slim ({@code apt-get install strace} from the
   * stand-in's {@link LocalAptRepository}), and the trace shows what the hostile sample tried.
   * Before the verify: its sandbox demos then use the image this test made.
   */
  @Test
  @Order(3)
  void withoutTheHostsStraceTheSandboxTracesTheHostileSampleWithATracerPodmanBuilt()
      throws Exception {
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
    String pinned = engine.pinnedReference(podman.mirrored(ImageCatalog.TRACER)).orElseThrow();
    assertEquals(EngineRecipe.SOURCE, labels.get(LabLabels.SOURCE));
    assertEquals(EngineRecipe.hash(ImageCatalog.TRACER, pinned), labels.get(LabLabels.RECIPE));
    assertTrue(
        podman
            .podman(
                "run", "--rm", "--network", "none", ImageCatalog.TRACER.reference(), "strace", "-V")
            .startsWith("strace -- version"));
    // built from the seeded stand-in, whose apt sources name only its file: repository: the
    // build's apt reached nothing beyond this machine (this machine reaches deb.debian.org, CI not)
    assertEquals(
        "deb [trusted=yes] file:/opt/cclab-apt ./",
        podman.podman(
            "run",
            "--rm",
            "--network",
            "none",
            ImageCatalog.TRACER.reference(),
            "cat",
            "/etc/apt/sources.list"));
  }

  /**
   * The whole episode on the images Podman built, with the host's tools still hidden: every demo
   * passes, or is skipped with the host's reason (as on the shared engine: mac-profiles, no SELinux
   * here); none "could not run".
   */
  @Test
  @Order(4)
  void theWholeEpisodeVerifiesOnTheImagesPodmanBuilt() throws Exception {
    Path learner = Files.createDirectories(work.resolve("learner"));
    LabProcess.Run r = labWithoutHostTools(learner, "verify");
    privateVerify = r.out();
    assertEquals(0, r.status(), r.out());
    Matcher summary =
        Pattern.compile("\\n(\\d+) passed, 0 failed, (\\d+) skipped").matcher(r.out());
    assertTrue(summary.find(), r.out());
    assertTrue(Integer.parseInt(summary.group(1)) >= 20, r.out());
    assertFalse(r.out().contains("could not run"), r.out());
    assertFalse(r.out().contains("passwd"), r.out());
    for (String line : r.out().lines().filter(l -> l.startsWith("  – ")).toList()) {
      assertTrue(line.matches(".*skipped: \\S.*"), "a skip without its reason: " + line);
    }
  }

  /**
   * "Exactly as on the normal engine": each demo's line (its verdict and how many checks passed and
   * were skipped, timings aside) is the same as the shared Podman's, which has the host's tools and
   * the host-built images.
   */
  @Test
  @Order(5)
  void everyDemoEndsAsOnTheSharedEngine() throws Exception {
    assumeTrue(privateVerify != null, "needs the verify above");
    Map<String, String> env = labEnv();
    env.put(EngineConnector.HOST_VARIABLE, TestEngine.get().endpoint().uri().toString());
    env.remove("CCLAB_REGISTRY_MIRROR");
    env.put("CCLAB_OFFLINE", "1");
    Path learner = Files.createDirectories(work.resolve("learner-shared"));
    LabProcess.Run shared = LabProcess.withEnv(env).run(learner, 10, "verify");
    assertEquals(0, shared.status(), shared.out());
    assertEquals(demoLines(shared.out()), demoLines(privateVerify));
  }

  private static List<String> demoLines(String verify) {
    List<String> lines =
        verify
            .lines()
            .filter(l -> l.matches("  [✓✗–] .*|\\d+ passed, .*"))
            .map(l -> l.replaceAll("\\s+[0-9.]+ s$", "").strip())
            .toList();
    assertTrue(lines.size() > 20, verify);
    return lines;
  }

  /**
   * A registry Podman was not told speaks plain HTTP (the same one, named localhost: not in the
   * registries.conf) fails once, in a sentence whose fix names registries.conf; before, the fix
   * only said to set CCLAB_REGISTRY_MIRROR, which was set. PULL: this JVM sees the host's busybox,
   * which AUTO would build from. The last test: busybox is not put back.
   */
  @Test
  @Order(6)
  void aPlainHttpRegistryPodmanWasNotToldAboutFailsOnceNamingRegistriesConf() throws Exception {
    podman.podman("rmi", "localhost/cclab/busybox");
    Map<String, String> env = labEnv();
    env.put("CCLAB_REGISTRY_MIRROR", podman.registry().address().replace("127.0.0.1", "localhost"));
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
    assertTrue(first.fix().contains("insecure = true in the engine's registries.conf"), m);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static Map<String, String> labEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", work.resolve("home").toString());
    env.put("XDG_STATE_HOME", work.resolve("state").toString());
    env.put("CCLAB_CACHE_DIR", work.resolve("cache").toString());
    env.put(EngineConnector.HOST_VARIABLE, podman.host());
    env.put("CCLAB_INSTALL_ENGINE", "0");
    env.put("CCLAB_REGISTRY_MIRROR", podman.registry().address());
    return env;
  }

  /** {@code cclab ARGS} in DIR with the host's busybox, strace and debootstrap hidden. */
  private static LabProcess.Run labWithoutHostTools(Path dir, String... args) throws Exception {
    return LabProcess.withEnv(labEnv())
        .inMountNamespace(MirroredDockerd.hidingHostTools(work.resolve("empty"), false))
        .run(dir, 10, args);
  }
}
