package io.containercodes.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 29: the launcher runs where bash and a JDK 17+ run — macOS's bash 3.2 and BSD tools, Linux,
 * WSL2. ShellCheck over the launcher and the Maven Wrapper; a scan for what bash 3.2 lacks ({@link
 * Bash32Scan}); and runs of the launcher on a PATH without timeout and flock and with a readlink
 * that has no -f, as macOS has them. A unit test: it needs no engine and no packaged jar (the real
 * lab runs from a jar whose manifest names this build's classes), so it runs in every {@code mvn
 * test}; the packaged archive has {@code ReleaseArchiveIT}.
 */
class LauncherPortabilityTest {
  private static final Path LAUNCHER = LauncherHost.REPO.resolve("cclab");
  private static final Path WRAPPER = LauncherHost.REPO.resolve("mvnw");

  @TempDir Path dir;

  // --- static checks --------------------------------------------------------------------------

  @Test
  void shellCheckFindsNothingInTheLauncherOrTheWrapper() throws Exception {
    assumeTrue(
        LauncherHost.has("shellcheck") || System.getenv("CI") != null,
        "shellcheck is not installed (apt-get install shellcheck); .ci/run installs it");
    // every severity: the launcher is bash; mvnw is POSIX sh, which macOS runs as bash 3.2 in
    // POSIX mode, so ShellCheck's sh dialect flags any bashism in it
    assertEquals("", shellcheck("bash", LAUNCHER), "ShellCheck on cclab");
    assertEquals("", shellcheck("sh", WRAPPER), "ShellCheck on mvnw");
    // and the same call does report what it should: an unquoted expansion, a bashism in sh
    Path planted = Files.writeString(dir.resolve("planted"), "#!/bin/sh\nx=$1\n[[ -n $x ]]\n");
    String report = shellcheck("sh", planted);
    assertTrue(report.contains("SC3010"), report);
  }

  private static String shellcheck(String dialect, Path script) throws Exception {
    Process p =
        new ProcessBuilder(
                LauncherHost.which("shellcheck"),
                "--shell=" + dialect,
                "--format=gcc",
                script.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out.strip();
  }

  @Test
  void theLauncherAndTheWrapperUseNothingBash32OrMacOsLacks() throws IOException {
    for (Path script : List.of(LAUNCHER, WRAPPER)) {
      List<Bash32Scan.Finding> findings = Bash32Scan.scan(Files.readString(script));
      assertEquals(List.of(), findings, script.toString());
    }
  }

  @Test
  void theScanCatchesEachConstructItLooksFor() {
    List<String> planted =
        List.of(
            "limit=()",
            "local -a extra",
            "mapfile -t lines <f",
            "declare -A seen",
            "local -n ref=x",
            "echo \"${name,,}\"",
            "echo \"${name^^}\"",
            "echo \"${v@Q}\"",
            "[[ \"$v\" =~ ^[0-9]+$ ]] && echo",
            "[[ -v HOME ]]",
            "coproc cat",
            "make |& tee log",
            "echo x &>> log",
            "exec {fd}>file",
            "wait -n",
            "echo \"${a[-1]}\"",
            "echo $EPOCHSECONDS",
            "shopt -s globstar",
            "echo {1..9..2}",
            "printf '%(%s)T' -1",
            "p=$(readlink -f \"$0\")",
            "realpath .",
            "timeout 300 java -version",
            "flock 9",
            "sed -i 's/a/b/' f",
            "grep -P '\\d' f",
            "date -d yesterday",
            "stat -c %s f",
            "find . -newer x -printf %p");
    for (String line : planted) {
      assertFalse(Bash32Scan.scan(line).isEmpty(), "not caught: " + line);
    }
    // what the launcher does instead passes, and comments are not code
    for (String line :
        List.of(
            "opts=(-XX:TieredStopAtLevel=1)",
            "opts+=(--enable-native-access=ALL-UNNAMED)",
            "link=$(readlink \"$p\")",
            "if command -v timeout >/dev/null 2>&1; then\n  timeout \"$seconds\" \"$@\"",
            "echo \"${#x} $# ${x#y}\" # no readlink -f, no ${x,,}, no [[ =~ ]]",
            "case \"$v\" in '' | *[!0-9]*) ;; *) echo \"$v\" ;; esac")) {
      assertEquals(List.of(), Bash32Scan.scan(line), line);
    }
  }

  // --- runs -----------------------------------------------------------------------------------

  @Test
  void theLabRunsWithoutTimeoutFlockOrReadlinkF() throws Exception {
    LauncherHost host = new LauncherHost(dir);
    Path release = host.release(jarOfThisBuild());
    // started through a symlink, as from ~/bin: the launcher finds its folder without readlink -f
    Path link = Files.createDirectories(dir.resolve("elsewhere")).resolve("cclab");
    Files.createSymbolicLink(link, release.resolve("cclab"));
    host.env.put("CCLAB_JAVA_HOME", System.getProperty("java.home"));
    LauncherHost.Result r = host.run(dir.resolve("elsewhere"), link.toString(), "--version");
    r.expect(0);
    assertTrue(r.out().contains("cclab "), r.out());
    assertTrue(r.out().contains("Java " + Runtime.version().feature()), r.out());
    // the start-up archive was trained under the lock folder and the watchdog, which stand in
    // for flock and timeout, and both are gone
    assertTrue(r.out().contains("Preparing a start-up archive"), r.out());
    assertFalse(Files.exists(release.resolve("lib/cclab.lock.d")), "lock folder removed");
    try (Stream<Path> s = Files.list(release.resolve("lib"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().noneMatch(n -> n.contains(".training.")), names.toString());
    }
    assertFalse(Files.exists(release.resolve("target")), "a release folder gets no target/");
  }

  /**
   * A jar as the launcher runs it, lib/cclab.jar, whose manifest names this build's classes and
   * libraries: the real lab, without waiting for 'package'.
   */
  private Path jarOfThisBuild() throws IOException {
    String classPath = System.getProperty("java.class.path");
    List<String> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath();
      if (Files.isDirectory(p)) {
        urls.add(p.toUri().toString()); // ends in '/', as a folder must
      } else if (entry.endsWith(".jar") && !entry.contains("surefire")) {
        urls.add(p.toUri().toString());
      }
    }
    assertTrue(urls.stream().anyMatch(u -> u.contains("picocli")), classPath);
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    Path jar = dir.resolve("cclab.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, m)) {
      j.flush();
    }
    return jar;
  }

  @Test
  void limitedStopsTheCommandWhereTimeoutIsMissing() throws Exception {
    LauncherHost host = new LauncherHost(dir);
    String limited = function("limited");
    // the watchdog: status of the command, or 143 once it had to stop it (SIGTERM)
    for (String[] c :
        List.of(
            new String[] {"limited 30 true", "0"},
            new String[] {"limited 30 sh -c 'exit 7'", "7"},
            new String[] {"limited 1 sleep 60", "143"})) {
      LauncherHost.Result r =
          host.run(
              dir,
              "bash",
              "-c",
              "set -euo pipefail\n"
                  + limited
                  + "\nstatus=0; "
                  + c[0]
                  + " || status=$?; echo status=$status");
      assertTrue(r.out().contains("status=" + c[1]), c[0] + ": " + r.out());
    }
  }

  /** One shell function of the launcher, as written there (from "name() {" to the "}" alone). */
  private static String function(String name) throws IOException {
    String text = Files.readString(LAUNCHER);
    int start = text.indexOf("\n" + name + "() {\n");
    int end = text.indexOf("\n}\n", start);
    assertTrue(start >= 0 && end > start, name + " in cclab");
    return text.substring(start + 1, end + 2);
  }

  @Test
  void oneBuildAtATimeWithoutFlock() throws Exception {
    assertEquals(1, concurrentBuilds(Files.readString(LAUNCHER)), "builds with the lock folder");
    // and without the lock, both shells build: the count above is the lock's doing
    String unlocked = Files.readString(LAUNCHER).replace("lock 900 ||", "true ||");
    assertEquals(2, concurrentBuilds(unlocked), "builds without the lock");
  }

  /** How many builds two launchers started at once ran, with a Maven that takes two seconds. */
  private int concurrentBuilds(String launcher) throws Exception {
    Path d = Files.createTempDirectory(dir, "builds");
    LauncherHost host = new LauncherHost(d);
    Path checkout = host.checkout();
    Files.writeString(checkout.resolve("cclab"), launcher);
    Path builds = d.resolve("builds.log");
    fakeMaven(host.bin.resolve("mvn"), builds, "sleep 2");
    host.env.put("CCLAB_JAVA_HOME", LauncherHost.fakeJdk(d.resolve("jdk"), 90).toString());
    host.env.put("CCLAB_ARCHIVE", "0");
    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ProcessBuilder pb =
          new ProcessBuilder(checkout.resolve("cclab").toString(), "--version")
              .directory(checkout.toFile())
              .redirectErrorStream(true)
              .redirectOutput(d.resolve("run" + i + ".log").toFile());
      pb.environment().clear();
      pb.environment().putAll(host.env);
      runs.add(pb.start());
    }
    for (int i = 0; i < runs.size(); i++) {
      assertTrue(runs.get(i).waitFor(120, TimeUnit.SECONDS));
      String out = Files.readString(d.resolve("run" + i + ".log"));
      assertEquals(0, runs.get(i).exitValue(), out);
      assertTrue(out.contains("fake JDK 90 ran:"), out);
    }
    assertFalse(Files.exists(checkout.resolve("target.lock.d")), "lock folder removed");
    return Files.readAllLines(builds).size();
  }

  /**
   * A Maven (an installed mvn, or bin/mvn in the wrapper's distribution) that logs its arguments,
   * waits as told, and "builds" target/cclab.jar in the project -f names.
   */
  private static void fakeMaven(Path file, Path log, String work) throws IOException {
    LauncherHost.script(
        file,
        "echo \"$0 $*\" >>'" + log + "'",
        work,
        "while [ $# -gt 0 ]; do case \"$1\" in -f) pom=$2; shift ;; esac; shift; done",
        "mkdir -p \"$(dirname \"$pom\")/target\"",
        "echo jar >\"$(dirname \"$pom\")/target/cclab.jar\"");
  }

  @Test
  void buildsWithTheMavenWrapperWhenNoMavenIsInstalled() throws Exception {
    LauncherHost host = new LauncherHost(dir);
    for (String tool : List.of("curl", "tar", "gzip", "mktemp")) {
      host.link(tool); // no wget, no unzip: mvnw then fetches the .tar.gz with curl
    }
    Path checkout = host.checkout();
    Files.copy(WRAPPER, checkout.resolve("mvnw"));
    Files.setPosixFilePermissions(
        checkout.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
    // a Maven distribution as Maven Central serves it, from a file: the test stays offline
    Path builds = dir.resolve("builds.log");
    Path dist = dir.resolve("dist/apache-maven-9.9.9");
    fakeMaven(dist.resolve("bin/mvn"), builds, ":");
    Path tarball = dir.resolve("dist/apache-maven-9.9.9-bin.tar.gz");
    new ProcessBuilder(
            "tar",
            "czf",
            tarball.toString(),
            "-C",
            dir.resolve("dist").toString(),
            "apache-maven-9.9.9")
        .inheritIO()
        .start()
        .waitFor();
    Files.createDirectories(checkout.resolve(".mvn/wrapper"));
    Files.writeString(
        checkout.resolve(".mvn/wrapper/maven-wrapper.properties"),
        Files.readString(LauncherHost.REPO.resolve(".mvn/wrapper/maven-wrapper.properties"))
            .replaceAll(
                "(?m)^distributionUrl=.*$",
                "distributionUrl=" + tarball.toUri().toString().replace(".tar.gz", ".zip")));
    host.env.put("MAVEN_USER_HOME", dir.resolve("m2").toString());
    host.env.put("CCLAB_JAVA_HOME", LauncherHost.fakeJdk(dir.resolve("jdk"), 90).toString());
    host.env.put("CCLAB_ARCHIVE", "0");

    LauncherHost.Result r = host.run(checkout, "./cclab", "--version").expect(0);
    assertTrue(r.out().contains("No Maven installed: using the Maven Wrapper (./mvnw)"), r.out());
    assertTrue(r.out().contains("fake JDK 90 ran:"), r.out());
    String build = Files.readString(builds);
    assertTrue(
        build.contains("m2/wrapper/dists/apache-maven-9.9.9/"), "the wrapper's Maven: " + build);
    assertTrue(build.contains("-Dcclab.skipMan=true") && build.contains(" package"), build);

    // with a Maven installed, that one builds, and the wrapper is not mentioned
    Files.delete(checkout.resolve("target/cclab.jar"));
    fakeMaven(host.bin.resolve("mvn"), builds, ":");
    r = host.run(checkout, "./cclab", "--version").expect(0);
    assertFalse(r.out().contains("Maven Wrapper"), r.out());
    List<String> lines = Files.readAllLines(builds);
    assertTrue(
        lines.get(lines.size() - 1).startsWith(host.bin.resolve("mvn") + " "), lines.toString());
  }

  // --- which JDK ------------------------------------------------------------------------------

  @Test
  void theNewestJdkWhereverThePlatformKeepsIt() throws Exception {
    LauncherHost host = new LauncherHost(dir);
    Path release = host.release(Files.writeString(dir.resolve("jar"), "not run"));
    Path home = Path.of(host.env.get("HOME"));
    host.env.put("CCLAB_ARCHIVE", "0");
    // macOS's per-user JDK folder (what IntelliJ and 'Download JDK' use); beats this host's JDKs
    LauncherHost.fakeJdk(
        home.resolve("Library/Java/JavaVirtualMachines/fake-91.jdk/Contents/Home"), 91);
    assertPicks(host, release, 91);
    // SDKMAN's candidates, newer
    LauncherHost.fakeJdk(home.resolve(".sdkman/candidates/java/92.0.1-fake"), 92);
    assertPicks(host, release, 92);
    // the java on PATH, through two symlinks (as /usr/bin/java → /etc/alternatives → the JDK)
    Path jdk93 = LauncherHost.fakeJdk(dir.resolve("jdks/93"), 93);
    Path hop = Files.createDirectories(dir.resolve("alternatives")).resolve("java");
    Files.createSymbolicLink(hop, jdk93.resolve("bin/java"));
    Files.createSymbolicLink(host.bin.resolve("java"), hop);
    assertPicks(host, release, 93);
    // $JAVA_HOME is one candidate among them, not a choice
    host.env.put("JAVA_HOME", LauncherHost.fakeJdk(dir.resolve("jdks/89"), 89).toString());
    assertPicks(host, release, 93);
    // $CCLAB_JAVA_HOME is: the only one looked at
    host.env.put("CCLAB_JAVA_HOME", dir.resolve("jdks/89").toString());
    assertPicks(host, release, 89);
    // a JDK older than 17 is not one
    host.env.put("CCLAB_JAVA_HOME", LauncherHost.fakeJdk(dir.resolve("jdks/11"), 11).toString());
    LauncherHost.Result r =
        host.run(dir, release.resolve("cclab").toString(), "--version").expect(3);
    assertTrue(r.out().contains("is not a JDK 17 or newer"), r.out());
  }

  private void assertPicks(LauncherHost host, Path release, int feature) throws Exception {
    LauncherHost.Result r =
        host.run(dir, release.resolve("cclab").toString(), "--version").expect(0);
    assertTrue(r.out().startsWith("fake JDK " + feature + " ran:"), r.out());
    assertTrue(r.out().contains("-Dcclab.home=" + release), r.out());
  }

  @Test
  void homebrewsAndJavaHomesJdksOnMacOs() throws Exception {
    assumeTrue(LauncherHost.canUnshare(), "needs a mount namespace (root, unshare)");
    LauncherHost host = new LauncherHost(dir);
    Path release = host.release(Files.writeString(dir.resolve("jar"), "not run"));
    host.env.put("CCLAB_ARCHIVE", "0");
    Path staged = Files.createDirectories(dir.resolve("staged"));
    LauncherHost.fakeJdk(staged.resolve("brew"), 94);
    LauncherHost.fakeJdk(staged.resolve("registered"), 95);
    LauncherHost.script(
        staged.resolve("java_home"),
        "[ \"$1 $2\" = '-v 17+' ] && echo " + staged.resolve("registered"));
    String brew = "/opt/homebrew/opt/openjdk@21/libexec/openjdk.jdk/Contents/Home";
    List<String> apple =
        List.of(
            "/usr/bin/mount -t tmpfs tmpfs /opt",
            "/usr/bin/mkdir -p " + brew,
            "/usr/bin/mount --bind " + staged.resolve("brew") + " " + brew);
    LauncherHost.Result r =
        host.runUnshared(dir, apple, List.of(release.resolve("cclab").toString(), "--version"))
            .expect(0);
    assertTrue(r.out().startsWith("fake JDK 94 ran:"), "Homebrew's keg-only openjdk: " + r.out());
    List<String> registered = new ArrayList<>(apple);
    registered.add("/usr/bin/mount -t tmpfs tmpfs /usr/libexec");
    registered.add("/usr/bin/cp " + staged.resolve("java_home") + " /usr/libexec/java_home");
    r =
        host.runUnshared(dir, registered, List.of(release.resolve("cclab").toString(), "--version"))
            .expect(0);
    assertTrue(r.out().startsWith("fake JDK 95 ran:"), "the JDK java_home names: " + r.out());
  }

  @Test
  void noJdkIsAnEnvironmentProblemWithTheInstallLineForThePlatform() throws Exception {
    assumeTrue(LauncherHost.canUnshare(), "needs a mount namespace (root, unshare)");
    LauncherHost host = new LauncherHost(dir);
    Path release = host.release(Files.writeString(dir.resolve("jar"), "not run"));
    List<String> noJdks = List.of("/usr/bin/mount -t tmpfs tmpfs /usr/lib/jvm");
    List<String> launcher = List.of(release.resolve("cclab").toString(), "--version");
    boolean debian = Files.exists(Path.of("/etc/debian_version")) && LauncherHost.has("apt-cache");
    if (debian) {
      host.link("apt-get");
      host.link("apt-cache");
    }
    LauncherHost.Result r = host.runUnshared(dir, noJdks, launcher).expect(3);
    assertTrue(r.out().contains("No Java 17 or newer was found"), r.out());
    assertTrue(
        r.out().contains(debian ? "sudo apt-get install -y openjdk-" : "with your package manager"),
        r.out());
    // macOS: the same, with Homebrew's line (uname says Darwin; macOS has no apt-get)
    Files.delete(host.bin.resolve("uname"));
    LauncherHost.script(host.bin.resolve("uname"), "echo Darwin");
    r = host.runUnshared(dir, noJdks, launcher).expect(3);
    assertTrue(r.out().contains("brew install openjdk@21"), r.out());
    assertFalse(r.out().contains("apt-get"), r.out());
    // and the lines fit 80 columns, as the launcher's others do
    for (String line : r.out().lines().collect(Collectors.toList())) {
      assertTrue(line.length() <= 80, line);
    }
  }
}
