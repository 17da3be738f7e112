package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contexts as the Docker CLI stores them, in fake homes. */
class DockerContextTest {
  @TempDir Path home;

  /** What {@code docker context create NAME --docker host=HOST} writes. */
  static void context(Path dockerDir, String name, String host) throws IOException {
    Path meta =
        dockerDir.resolve("contexts/meta").resolve(DockerContext.sha256(name)).resolve("meta.json");
    Files.createDirectories(meta.getParent());
    Files.writeString(
        meta,
        "{\"Name\":\""
            + name
            + "\",\"Metadata\":{\"Description\":\"test\"},\"Endpoints\":{\"docker\":{\"Host\":\""
            + host
            + "\",\"SkipTLSVerify\":false}}}");
  }

  static void current(Path dockerDir, String name) throws IOException {
    Files.createDirectories(dockerDir);
    Files.writeString(
        dockerDir.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
  }

  @Test
  void theNameIsStoredUnderItsSha256AsTheDockerCliDoes() {
    // sha256("colima"), as ~/.docker/contexts/meta/ names Colima's context
    assertEquals(
        "f24fd3749c1368328e2b149bec149cb6795619f244c5b584e844961215dadd16",
        DockerContext.sha256("colima"));
  }

  @Test
  void theCurrentContextOfConfigJsonIsFoundButNotFinal() throws IOException {
    Path docker = home.resolve(".docker");
    context(docker, "colima", "unix:///Users/ada/.colima/default/docker.sock");
    current(docker, "colima");
    DockerContext c = DockerContext.of(Map.of(), home);
    assertEquals(
        URI.create("unix:///Users/ada/.colima/default/docker.sock"), c.candidate().orElseThrow());
    assertEquals("Docker context 'colima' (config.json)", c.description());
    assertFalse(c.isFinal(), "an installer's leftover current context must not stop discovery");
  }

  @Test
  void dockerContextTheVariableIsFinalAndWinsOverConfigJson() throws IOException {
    Path docker = home.resolve(".docker");
    context(docker, "colima", "unix:///c.sock");
    context(docker, "orbstack", "unix:///o.sock");
    current(docker, "colima");
    DockerContext c = DockerContext.of(Map.of("DOCKER_CONTEXT", "orbstack"), home);
    assertEquals(URI.create("unix:///o.sock"), c.candidate().orElseThrow());
    assertTrue(c.isFinal());
  }

  @Test
  void dockerConfigMovesTheDirectory() throws IOException {
    Path elsewhere = home.resolve("cfg");
    context(elsewhere, "rancher-desktop", "unix:///r.sock");
    current(elsewhere, "rancher-desktop");
    DockerContext c = DockerContext.of(Map.of("DOCKER_CONFIG", elsewhere.toString()), home);
    assertEquals(URI.create("unix:///r.sock"), c.candidate().orElseThrow());
  }

  @Test
  void eachWayToHaveNoContextSaysWhich() throws IOException {
    assertTrue(DockerContext.of(Map.of(), home).whyNot().startsWith("no "));
    current(home.resolve(".docker"), "default");
    assertTrue(DockerContext.of(Map.of(), home).whyNot().contains("default context"));
    current(home.resolve(".docker"), "gone");
    DockerContext gone = DockerContext.of(Map.of(), home);
    assertTrue(gone.candidate().isEmpty());
    assertTrue(gone.whyNot().startsWith("no such context"), gone.whyNot());
    Files.writeString(home.resolve(".docker/config.json"), "{not json");
    assertTrue(DockerContext.of(Map.of(), home).whyNot().contains("not readable JSON"));
  }
}
