package io.containercodes.lab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default seccomp profile a line's own profile is compared with: Podman's is the host's {@code
 * /usr/share/containers/seccomp.json} (what containers.conf's {@code seccomp_profile} names by
 * default), Docker's is compiled into dockerd and kept in the lab's resources (SOURCES.md there
 * names each file's origin). Before the lab knows the engine — {@code try} judges a line before it
 * connects — the comparison is with what every known default denies.
 *
 * @param description how a sentence names it: "Podman's default profile"
 */
record SeccompBaseline(String description, SeccompProfile profile) {
  static final Path PODMAN_HOST_PROFILE = Path.of("/usr/share/containers/seccomp.json");
  private static final String RESOURCES = "/io/containercodes/lab/engine/seccomp/";
  private static final ConcurrentHashMap<String, SeccompProfile> LOADED = new ConcurrentHashMap<>();

  static SeccompBaseline forEngine(EngineKind kind, String version) {
    if (kind == EngineKind.PODMAN) {
      SeccompProfile host = hostPodmanProfile();
      if (host != null) {
        return new SeccompBaseline("Podman's default profile (" + PODMAN_HOST_PROFILE + ")", host);
      }
      String file = major(version) >= 5 ? "containers-common-0.62.2" : "containers-common-0.50.1";
      return new SeccompBaseline("Podman's default profile (" + file + ")", resource(file));
    }
    if (kind == EngineKind.DOCKER) {
      String file = major(version) >= 25 ? "docker-26.1.5" : "docker-20.10.24";
      return new SeccompBaseline(
          "Docker's default profile (moby " + file.substring("docker-".length()) + ")",
          resource(file));
    }
    return unknownEngine();
  }

  /** What every default the lab knows denies: the comparison before the engine is known. */
  static SeccompBaseline unknownEngine() {
    List<SeccompProfile> all = new ArrayList<>();
    for (String f :
        List.of(
            "docker-20.10.24",
            "docker-26.1.5",
            "containers-common-0.50.1",
            "containers-common-0.62.2")) {
      all.add(resource(f));
    }
    SeccompProfile host = hostPodmanProfile();
    if (host != null) {
      all.add(host);
    }
    return new SeccompBaseline("the engines' default profiles", SeccompProfile.strictest(all));
  }

  private static SeccompProfile hostPodmanProfile() {
    try {
      return LOADED.computeIfAbsent(
          PODMAN_HOST_PROFILE.toString(),
          k -> {
            try {
              return SeccompProfile.parse(Files.readString(PODMAN_HOST_PROFILE));
            } catch (IOException e) {
              throw new IllegalArgumentException(e.getMessage(), e);
            }
          });
    } catch (IllegalArgumentException e) {
      return null; // no such file here (or unreadable): the built-in copy stands in
    }
  }

  private static SeccompProfile resource(String name) {
    return LOADED.computeIfAbsent(
        name,
        n -> {
          try (InputStream in =
              SeccompBaseline.class.getResourceAsStream(RESOURCES + n + ".json")) {
            if (in == null) {
              throw new IllegalStateException("the lab's jar lacks " + n + ".json");
            }
            return SeccompProfile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new IllegalStateException("cannot read the lab's " + n + ".json", e);
          }
        });
  }

  private static int major(String version) {
    if (version == null) {
      return 0;
    }
    String digits = version.strip().replaceFirst("^v", "").replaceFirst("[^0-9].*$", "");
    try {
      return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
