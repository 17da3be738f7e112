package io.containercodes.lab.engine;

/** The engines the lab speaks to; they differ in a few places the lab must know about. */
public enum EngineKind {
  PODMAN("Podman"),
  DOCKER("Docker Engine");

  private final String displayName;

  EngineKind(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
