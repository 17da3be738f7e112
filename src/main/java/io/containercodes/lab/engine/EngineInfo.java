package io.containercodes.lab.engine;

import java.util.List;

/** What {@code cclab doctor} reports about the engine, in plain types. */
public record EngineInfo(
    EngineKind kind,
    String version,
    String apiVersion,
    EngineEndpoint endpoint,
    boolean rootless,
    String cgroupVersion,
    String cgroupDriver,
    String defaultRuntime,
    List<String> securityOptions,
    String operatingSystem,
    String kernelVersion) {

  public boolean seccomp() {
    return has("seccomp");
  }

  public boolean apparmor() {
    return has("apparmor");
  }

  public boolean selinux() {
    return has("selinux");
  }

  private boolean has(String name) {
    return securityOptions.stream()
        .anyMatch(o -> o.equals("name=" + name) || o.startsWith("name=" + name + ","));
  }
}
