package io.containercodes.lab.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.Outcome;
import io.containercodes.lab.engine.OutputListener;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.engine.TestEngine;
import io.containercodes.lab.engine.TestRegistry;
import io.containercodes.lab.engine.TestRuns;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's images on the real engine: offline builds, bundles, and pulls from a loopback registry.
 */
@Tag("engine")
class ImagesIT {
  private static Engine engine;
  private static LabImages images;

  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    engine = TestEngine.get();
    images = new LabImages(engine, System.getenv(), m -> System.err.println("[cclab] " + m));
    images.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE);
  }

  private static Outcome run(RunSpec.Builder spec) {
    return engine.run(
        TestRuns.admitted(spec.timeout(Duration.ofMinutes(2)).build()), OutputListener.IGNORE);
  }

  @Test
  void thePythonImageBuildsOfflineAndCanInstallALocalPackageWithoutNetwork() throws IOException {
    images.ensure(ImageCatalog.PYTHON, LabImages.Policy.OFFLINE);
    String ref = ImageCatalog.PYTHON.reference();
    Outcome version =
        run(RunSpec.builder(ref).command("python3", "-c", "import sys; print(sys.version)"));
    assertEquals(0, version.exitCode(), version.stderr().text());
    assertTrue(version.stdout().text().startsWith("3."), version.stdout().text());
    Outcome pip = run(RunSpec.builder(ref).command("pip", "--version"));
    assertTrue(pip.stdout().text().startsWith("pip "), pip.stdout() + " " + pip.stderr());

    Path pkg = Files.createDirectories(dir.resolve("hello_pkg/hello_pkg"));
    Files.writeString(pkg.resolve("__init__.py"), "GREETING = 'hello from a local package'\n");
    Files.writeString(
        dir.resolve("hello_pkg/setup.py"),
        """
        from setuptools import setup
        setup(name='hello-pkg', version='1.0', packages=['hello_pkg'])
        """);
    Outcome install =
        run(
            RunSpec.builder(ref)
                .network("none")
                .bind(
                    new RunSpec.BindMount(
                        dir.resolve("hello_pkg").toString(), "/src", true, List.of()))
                .command(
                    "sh",
                    "-c",
                    "cp -r /src /tmp/pkg && pip install -q --no-index --no-build-isolation /tmp/pkg"
                        + " && python3 -c 'import hello_pkg; print(hello_pkg.GREETING)'"));
    assertEquals(0, install.exitCode(), install.stderr().text());
    assertTrue(
        install.stdout().text().contains("hello from a local package"), install.stdout().text());
  }

  @Test
  void aSecondPrepareWithEverythingPresentIsANoOp() {
    images.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE);
    assertEquals(
        LabImages.Action.PRESENT, images.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE));
  }

  @Test
  void aBundleRoundTripsAndACorruptOneChangesNothing() throws IOException {
    ImageBundle bundle = new ImageBundle(engine, m -> {});
    Path file = dir.resolve("lab-images.tar");
    bundle.save(List.of(ImageCatalog.BUSYBOX), file);

    Path corrupt = dir.resolve("corrupt.tar");
    Files.copy(file, corrupt);
    try (RandomAccessFile f = new RandomAccessFile(corrupt.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xff);
    }
    Path truncated = dir.resolve("truncated.tar");
    Files.write(
        truncated, java.util.Arrays.copyOf(Files.readAllBytes(file), (int) (Files.size(file) / 3)));

    String ref = ImageCatalog.BUSYBOX.reference();
    try {
      assertTrue(engine.removeImage(ref));
      EnvironmentProblem bad =
          assertThrows(EnvironmentProblem.class, () -> bundle.load(corrupt, images));
      assertTrue(bad.getMessage().contains("does not match"), bad.getMessage());
      EnvironmentProblem cut =
          assertThrows(EnvironmentProblem.class, () -> bundle.load(truncated, images));
      assertTrue(cut.getMessage().contains("Nothing was loaded"), cut.getMessage());
      assertTrue(engine.inspectImage(ref).isEmpty(), "no half-loaded tag");

      bundle.load(file, images);
      assertEquals("loaded", images.status(ImageCatalog.BUSYBOX).source());
      Outcome o = run(RunSpec.builder(ref).command("echo", "from the bundle"));
      assertEquals("from the bundle\n", o.stdout().text());
    } finally {
      images.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE);
    }
  }

  @Test
  void ensurePullsFromALoopbackRegistryWhenTheImageIsMissing() throws Exception {
    Process registry = startLoopbackRegistry();
    String ref = ImageCatalog.BUSYBOX.reference();
    String mirrored = "127.0.0.1:5000/library/busybox:1.36";
    try {
      engine.tagImage(ref, mirrored);
      TestRegistry.push(engine, mirrored, Duration.ofSeconds(60));
      engine.removeImage(mirrored);
      engine.removeImage(ref);
      assertTrue(engine.inspectImage(ref).isEmpty());

      Map<String, String> env = new HashMap<>(System.getenv());
      env.put("CCLAB_REGISTRY_MIRROR", "127.0.0.1:5000");
      env.remove("CCLAB_OFFLINE");
      LabImages viaMirror = new LabImages(engine, env, m -> System.err.println("[cclab] " + m));
      assertEquals(mirrored, viaMirror.upstreamFor(ImageCatalog.BUSYBOX));
      assertEquals(
          LabImages.Action.PULLED, viaMirror.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.PULL));
      Outcome o = run(RunSpec.builder(ref).command("echo", "pulled"));
      assertEquals("pulled\n", o.stdout().text());
    } finally {
      registry.destroy();
      registry.waitFor();
      engine.removeImage(mirrored);
      images.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE);
    }
  }

  @Test
  void anOfflinePullPolicyFailureSaysWhatEachStepAnswered() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CCLAB_REGISTRY_MIRROR", "127.0.0.1:1"); // nothing listens there
    LabImages nowhere = new LabImages(engine, env, m -> {});
    String ref = ImageCatalog.BUSYBOX.reference();
    try {
      engine.removeImage(ref);
      EnvironmentProblem e =
          assertThrows(
              EnvironmentProblem.class,
              () -> nowhere.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.PULL));
      assertTrue(
          e.getMessage().contains("not on this engine") && e.getMessage().contains("127.0.0.1:1"),
          e.getMessage());
      assertTrue(e.fix().contains("images load"), e.fix());
    } finally {
      images.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE);
    }
  }

  /** Debian's docker-registry on 127.0.0.1:5000, storage in a temporary directory. */
  private Process startLoopbackRegistry() throws Exception {
    PackageInstaller installer =
        new PackageInstaller(HostFacts.read(), System.getenv(), System.err::println);
    if (!new io.containercodes.lab.host.Executables(System.getenv()).has("docker-registry")) {
      installer.install("the pull test needs a registry on 127.0.0.1", "docker-registry");
    }
    Path config = dir.resolve("registry.yml");
    Files.writeString(
        config,
        "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("registry")
            + "\nhttp:\n  addr: 127.0.0.1:5000\n");
    Process p =
        new ProcessBuilder("docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create("http://127.0.0.1:5000/v2/").toURL().openConnection();
        c.setConnectTimeout(500);
        if (c.getResponseCode() == 200) {
          return p;
        }
      } catch (IOException notYet) {
        assertFalse(
            !p.isAlive(), "registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      Thread.sleep(100);
    }
    p.destroy();
    throw new AssertionError(
        "registry did not start: " + Files.readString(dir.resolve("registry.log")));
  }
}
