package io.containercodes.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 29: the release archive, target/cclab-VERSION.zip, runs the lab from an empty folder with a
 * JDK alone — no Maven, no checkout: its launcher runs lib/cclab.jar, and the lab reads the lessons
 * and demos beside it. An IT because 'package' makes the zip; it reaches no engine (the engine
 * address names nothing), so it runs in any 'mvn verify' that makes the zip (not with
 * -Dcclab.skipMan=true, which skips the man pages and the zip with them).
 */
class ReleaseArchiveIT {
  private static final Path TARGET = LauncherHost.REPO.resolve("target");

  @TempDir Path dir;

  @Test
  void theZipRunsTheLabFromAnEmptyFolderWithAJdkAlone() throws Exception {
    Path zip = zip();
    String version =
        zip.getFileName().toString().replaceFirst("^cclab-", "").replaceFirst("\\.zip$", "");
    Path root =
        unzip(zip, Files.createDirectories(dir.resolve("unzipped"))).resolve("cclab-" + version);
    assertEquals(
        Set.of("README.md", "cclab", "completion", "demos", "docs", "lessons", "lib", "man"),
        names(root),
        "the release folder");
    assertEquals(Set.of("cclab.jar"), names(root.resolve("lib")));
    assertTrue(Files.isExecutable(root.resolve("cclab")), "the launcher keeps its mode");
    assertTrue(
        Files.isExecutable(root.resolve("demos/_shared/challenge-project/run-tests.sh")),
        "the demos keep theirs");
    assertTrue(Files.isRegularFile(root.resolve("man/man1/cclab-report.1")));

    // a JDK on PATH, and the launcher's tools: no mvn, no checkout, started from elsewhere
    LauncherHost host = new LauncherHost(dir);
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    host.env.put("PATH", host.bin + ":" + javaBin);
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    String launcher = root.resolve("cclab").toString();

    LauncherHost.Result v = host.run(elsewhere, launcher, "--version").expect(0);
    assertTrue(v.out().contains("cclab " + version + "\n"), v.out());
    assertFalse(v.out().contains("Building"), v.out());
    // the start-up archive beside the jar, once; the folder gets no target/
    assertTrue(v.out().contains("Preparing a start-up archive"), v.out());
    try (Stream<Path> s = Files.list(root.resolve("lib"))) {
      assertTrue(
          s.anyMatch(p -> p.toString().endsWith(".aot") || p.toString().endsWith(".jsa")),
          "an archive in lib/");
    }
    assertFalse(Files.exists(root.resolve("target")));
    assertFalse(host.run(elsewhere, launcher, "--version").out().contains("Preparing"));

    // the lessons and demos it reads are the ones beside it: all of them...
    LauncherHost.Result lint = host.run(elsewhere, launcher, "lint").expect(0);
    assertTrue(
        lint.out().contains("Clean: " + lessons() + " lesson(s), " + demos() + " demo(s)."),
        lint.out());
    // ...and only those: a broken lesson put there is reported there, at its line
    Files.writeString(
        root.resolve("lessons/000-container-defense/99-broken.md"), "no front matter\n");
    LauncherHost.Result broken = host.run(elsewhere, launcher, "lint");
    assertEquals(1, broken.status(), broken.out());
    assertTrue(
        broken.out().contains(root.resolve("lessons/000-container-defense/99-broken.md") + ":1"),
        broken.out());
    Files.delete(root.resolve("lessons/000-container-defense/99-broken.md"));

    // the lab opens: the REPL's table of contents, from the release's lessons
    LauncherHost.Result repl = host.runWithInput(elsewhere, "toc\nquit\n", List.of(launcher));
    assertEquals(0, repl.status(), repl.out());
    assertTrue(repl.out().contains("Episode 000: Container Defense"), repl.out());
    for (String lesson : titles()) {
      assertTrue(repl.out().contains(lesson), lesson + " in the contents:\n" + repl.out());
    }

    // the completion script it carries is what the lab prints
    assertEquals(
        host.run(elsewhere, launcher, "completion", "bash").expect(0).out(),
        Files.readString(root.resolve("completion/cclab.bash")));
  }

  private static Path zip() throws IOException {
    try (Stream<Path> s = Files.list(TARGET)) {
      List<Path> zips =
          s.filter(p -> p.getFileName().toString().matches("cclab-.*\\.zip")).toList();
      assertEquals(
          1,
          zips.size(),
          "one release archive in target/ (made by 'mvn package'; -Dcclab.skipMan=true skips it): "
              + zips);
      // not one an earlier build left: the archive is made after the jar it carries
      assertTrue(
          !Files.getLastModifiedTime(zips.get(0))
              .toInstant()
              .isBefore(Files.getLastModifiedTime(TARGET.resolve("cclab.jar")).toInstant()),
          zips.get(0)
              + " is older than target/cclab.jar: a build with -Dcclab.skipMan=true made"
              + " the jar and no archive");
      return zips.get(0);
    }
  }

  /** Unpacks as unzip does, with the modes the archive records. */
  private static Path unzip(Path zip, Path into) throws IOException {
    try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
      for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
        Path out = into.resolve(e.getName()).normalize();
        assertTrue(out.startsWith(into), e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = z.getInputStream(e)) {
          Files.copy(in, out);
        }
        Files.setPosixFilePermissions(out, permissions(e.getUnixMode()));
      }
    }
    return into;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  private static Set<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  /**
   * "01 Welcome to Container Defense", ...: each lesson of the checkout as the contents list it.
   */
  private static List<String> titles() throws IOException {
    List<String> titles = new ArrayList<>();
    try (Stream<Path> s =
        Files.list(LauncherHost.REPO.resolve("lessons/000-container-defense")).sorted()) {
      for (Path p : s.filter(f -> f.toString().endsWith(".md")).toList()) {
        String title =
            Files.readAllLines(p).stream()
                .filter(l -> l.startsWith("title:"))
                .findFirst()
                .orElseThrow()
                .substring("title:".length())
                .strip()
                .replace("\"", "");
        titles.add(p.getFileName().toString().substring(0, 2) + " " + title);
      }
    }
    return titles;
  }

  /** The checkout's own counts, which the release must show too. */
  private static long lessons() throws IOException {
    try (Stream<Path> s = Files.list(LauncherHost.REPO.resolve("lessons/000-container-defense"))) {
      return s.filter(p -> p.toString().endsWith(".md")).count();
    }
  }

  private static long demos() throws IOException {
    try (Stream<Path> s = Files.list(LauncherHost.REPO.resolve("demos"))) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("_"))
          .count();
    }
  }
}
