package io.containercodes.lab.demo;

import com.github.dockerjava.api.DockerClient;

/** A planted violation, never run: docker-java outside the engine. */
public final class ArchPlantDockerJava {
  private ArchPlantDockerJava() {}

  static Object client(DockerClient client) {
    return client;
  }
}
