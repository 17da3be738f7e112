package io.containercodes.lab.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.engine.HostSetups;
import io.containercodes.lab.engine.LabLabels;
import io.containercodes.lab.host.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 29.6: docs/challenge-ci.md's workflow works on a GitHub-hosted runner. This machine has no
 * runner, so the test is one: it reads the workflow from the doc and runs every {@code run:} step
 * in order, as GitHub does ({@code bash --noprofile --norc -eo pipefail}, {@code $GITHUB_ENV}
 * carried from step to step, {@code $RUNNER_TEMP}), as a non-root user in the group that owns a
 * Docker Engine's socket (a private one the test starts: the runner's user is in the docker group),
 * with the host's busybox, strace, debootstrap and root's image cache hidden (a runner has no
 * static busybox and is not root). What a runner reaches on the internet stands in on loopback: the
 * release archive {@code mvn package} made, served from a {@code file://} address, and Docker Hub's
 * bases in a registry on 127.0.0.1 ({@code CCLAB_REGISTRY_MIRROR}).
 */
@Tag("setups")
class ChallengeWorkflowIT {
  private static final String DOCKERD = "cclab-challenge-ci";
  private static final String USER = "cclab-runner";
  private static final String GROUP = "cclab-runner-docker";
  private static final Path HOME = Path.of("/home", USER);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MirroredDockerd dockerd;
  private static Path work;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "a user of its own, a private Docker Engine and a mount namespace need root");
    run(List.of("groupadd", "-f", GROUP));
    if (run(List.of("id", USER), true).exit() != 0) {
      run(List.of("useradd", "--create-home", "--shell", "/bin/bash", USER));
    }
    run(List.of("usermod", "-aG", GROUP, USER));
    FileTrees.delete(HOME.resolve(".cache"));
    work = Files.createTempDirectory("cclab-challenge-ci-");
    dockerd = MirroredDockerd.start(DOCKERD, work, "--group " + GROUP);
  }

  @AfterAll
  static void stop() throws Exception {
    if (dockerd != null) {
      dockerd.close();
    }
    if (work != null) {
      FileTrees.delete(work);
      FileTrees.delete(HOME.resolve("work"));
      FileTrees.delete(HOME.resolve(".cache"));
    }
  }

  @Test
  void theWorkflowsStepsRunInOrderAsTheRunnersUserAndScoreTheDocsLine() throws Exception {
    Runner runner = new Runner();
    Map<String, String> env = new LinkedHashMap<>(runner.base());
    env.putAll(workflowEnv());
    env.put("CCLAB_RELEASE", runner.release().toUri().toString());
    List<String> ran = new ArrayList<>();
    for (Map<String, Object> step : steps()) {
      if (!step.containsKey("run")) {
        continue; // actions: checkout (the test wrote the repository), setup-java (its JDK is
        // on PATH), upload-sarif and upload-artifact (GitHub's side)
      }
      String name = String.valueOf(step.get("name"));
      Result r = runner.step(String.valueOf(step.get("run")), env);
      System.err.println("[test] step \"" + name + "\" exit " + r.exit() + ":\n" + r.out());
      assertEquals(0, r.exit(), "step \"" + name + "\" failed:\n" + r.out());
      env.putAll(runner.githubEnv());
      ran.add(name);
    }
    assertEquals(4, ran.size(), "the engine, the archive, the images, the challenge: " + ran);

    JsonNode result = JSON.readTree(runner.repo().resolve("challenge.json").toFile());
    assertTrue(result.path("passed").asBoolean(), "the doc's dev.sh line passes: " + result);
    assertTrue(
        result.path("score").asInt() >= result.path("minScore").asInt(85), result.toString());
    JsonNode sarif = JSON.readTree(runner.repo().resolve("results.sarif").toFile());
    assertEquals("2.1.0", sarif.path("version").asText());
    assertEquals(
        USER,
        Files.getOwner(runner.repo().resolve("challenge.json")).getName(),
        "the lab ran as the runner's user, not root");
    for (ImageCatalog.Entry entry : ImageCatalog.entries()) {
      assertEquals(
          EngineRecipe.SOURCE,
          dockerd
              .engine()
              .inspectImage(entry.reference())
              .orElseThrow()
              .labels()
              .get(LabLabels.SOURCE),
          entry.name() + " was built on the engine, as on a laptop without root or Debian");
    }
  }

  /** The engine and archive steps stop the job with 3, an environment problem, not a score. */
  @Test
  void aRunnerWithoutAnEngineOrArchiveStopsWithExitThree() throws Exception {
    Runner runner = new Runner();
    Map<String, String> env = new LinkedHashMap<>(runner.base());
    env.putAll(workflowEnv());
    env.put("DOCKER_HOST", "unix://" + work.resolve("no-engine.sock"));
    env.put("CCLAB_RELEASE", work.resolve("no-such.zip").toUri().toString());
    List<Map<String, Object>> steps = steps().stream().filter(s -> s.containsKey("run")).toList();
    assertEquals(3, runner.step(String.valueOf(steps.get(0).get("run")), env).exit());
    assertEquals(3, runner.step(String.valueOf(steps.get(1).get("run")), env).exit());
  }

  /** The workflow-level {@code env:} of the doc's YAML. */
  private static Map<String, String> workflowEnv() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Object env = workflow().get("env");
    if (env instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps() throws IOException {
    Map<String, Object> jobs = (Map<String, Object>) workflow().get("jobs");
    Map<String, Object> job = (Map<String, Object>) jobs.get("challenge");
    return (List<Map<String, Object>>) job.get("steps");
  }

  private static Map<String, Object> workflow() throws IOException {
    return new Yaml().load(block("yaml"));
  }

  /** The doc's one fenced block of {@code language}. */
  private static String block(String language) throws IOException {
    String doc = Files.readString(HostSetups.root().resolve("docs/challenge-ci.md"));
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertTrue(m.find(), "docs/challenge-ci.md has a ```" + language + " block");
    String found = m.group(1);
    assertFalse(m.find(), "docs/challenge-ci.md has one ```" + language + " block");
    return found;
  }

  /** The runner's user, its repository (dev.sh from the doc), $RUNNER_TEMP and $GITHUB_ENV. */
  private static final class Runner {
    private final Path root;

    Runner() throws Exception {
      root = HOME.resolve("work");
      FileTrees.delete(root);
      Files.createDirectories(repo());
      Files.createDirectories(root.resolve("_temp"));
      Files.writeString(repo().resolve("dev.sh"), block("sh"));
      Files.writeString(root.resolve("github_env"), "");
      run(List.of("chown", "-R", USER + ":" + USER, root.toString()));
    }

    Path repo() {
      return root.resolve("repo");
    }

    /** The release archive mvn package made, where the runner's user can read it. */
    Path release() throws Exception {
      Path zip;
      try (Stream<Path> s = Files.list(Path.of(System.getProperty("cclab.jar")).getParent())) {
        List<Path> zips =
            s.filter(p -> p.getFileName().toString().matches("cclab-.*\\.zip")).toList();
        assertEquals(
            1, zips.size(), "one release archive in target/ (mvn package without skipMan)");
        zip = zips.get(0);
      }
      Path copy = root.resolve("dist").resolve(zip.getFileName());
      Files.createDirectories(copy.getParent());
      Files.copy(zip, copy);
      run(List.of("chown", "-R", USER + ":" + USER, copy.getParent().toString()));
      return copy;
    }

    /** What a step starts with: the runner's variables, the JDK setup-java put on PATH. */
    Map<String, String> base() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("HOME", HOME.toString());
      env.put("USER", USER);
      env.put(
          "PATH",
          Path.of(System.getProperty("java.home"), "bin") + ":/usr/local/bin:/usr/bin:/bin");
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("RUNNER_TEMP", root.resolve("_temp").toString());
      env.put("GITHUB_ENV", root.resolve("github_env").toString());
      env.put("DOCKER_HOST", dockerd.host());
      env.put("CCLAB_REGISTRY_MIRROR", dockerd.registry().address());
      return env;
    }

    /** NAME=value lines the steps so far wrote to $GITHUB_ENV. */
    Map<String, String> githubEnv() throws IOException {
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : Files.readAllLines(root.resolve("github_env"))) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          out.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return out;
    }

    /** One {@code run:} block, as GitHub runs it, in the repository, as the runner's user. */
    Result step(String script, Map<String, String> env) throws Exception {
      // a runner has no static busybox, no debootstrap, and no root's image cache to read
      String hide = MirroredDockerd.hidingHostTools(work.resolve("empty"), true);
      List<String> cmd =
          new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "--", "sh", "-c"));
      cmd.add(hide + "cd " + repo() + " && exec runuser -u " + USER + " -- \"$@\"");
      cmd.add("sh");
      cmd.addAll(List.of("env", "-i"));
      env.forEach((k, v) -> cmd.add(k + "=" + v));
      cmd.addAll(List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script));
      return run(cmd, true);
    }
  }

  private record Result(int exit, String out) {}

  private static Result run(List<String> cmd) throws Exception {
    return run(cmd, false);
  }

  private static Result run(List<String> cmd, boolean anyExit) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(15, TimeUnit.MINUTES), cmd + " hung");
    if (!anyExit && p.exitValue() != 0) {
      throw new AssertionError(cmd + " failed: " + out);
    }
    return new Result(p.exitValue(), out);
  }
}
