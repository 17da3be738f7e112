package io.containercodes.lab.check;

import io.containercodes.lab.engine.EngineKind;

/**
 * The engine a step runs on and the version it reports, for a step that shows what only some
 * versions do ({@code requires: docker<23}).
 *
 * @param version as the engine reports it ("26.1.5+dfsg1"); null when it reported none
 */
public record EngineRelease(EngineKind kind, String version) {
  /** "Docker 26.1.5+dfsg1". */
  public String describe() {
    return (kind == EngineKind.PODMAN ? "Podman " : "Docker ")
        + (version == null ? "of unknown version" : version);
  }
}
