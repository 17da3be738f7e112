package io.containercodes.lab.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.containercodes.lab.host.LabDirectories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * An engine's measured facts kept for the session, so that each {@code cclab try} does not run the
 * probe again: one file per engine address in the lab's runtime directory (/run/cclab for root,
 * $XDG_RUNTIME_DIR/cclab otherwise), which a reboot or the end of the user's last login empties —
 * the moments a kernel's cgroup setup or a user's delegation can change. Within that, an entry is
 * used only for the same address, engine and version, and for an hour at most (an engine restarted
 * with another configuration inside a session). A file another user could have written is ignored:
 * it would choose what the lab tells the learner about limits.
 */
final class FactsSessionCache {
  static final Duration FRESH = Duration.ofHours(1);

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path dir;

  FactsSessionCache(Path dir) {
    this.dir = dir;
  }

  static FactsSessionCache forUser() {
    return new FactsSessionCache(LabDirectories.runtime().resolve("engine-facts"));
  }

  Optional<EngineFacts> find(EngineEndpoint endpoint, EngineKind kind, String version) {
    Path file = file(endpoint);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || !ownAlone(dir)
          || !ownAlone(file)) {
        return Optional.empty();
      }
      JsonNode root = MAPPER.readTree(Files.readString(file));
      long age = System.currentTimeMillis() - root.path("measuredAt").asLong();
      if (age < 0
          || age > FRESH.toMillis()
          || !endpoint.uri().toString().equals(root.path("uri").asText())
          || !kind.name().equals(root.path("kind").asText())
          || !String.valueOf(version).equals(root.path("version").asText())) {
        return Optional.empty();
      }
      EngineFacts f = MAPPER.treeToValue(root.get("facts"), EngineFacts.class);
      return Optional.of(f.at(endpoint));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable entry is measured again
    }
  }

  void store(EngineFacts facts) {
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      ObjectNode root = MAPPER.createObjectNode();
      root.put("uri", facts.endpoint().uri().toString());
      root.put("kind", facts.kind().name());
      root.put("version", String.valueOf(facts.version()));
      root.put("measuredAt", System.currentTimeMillis());
      root.set("facts", MAPPER.valueToTree(facts.at(null)));
      Path tmp =
          Files.createTempFile(
              dir,
              "facts-",
              ".part",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, root.toString(), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file(facts.endpoint()),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      // without the entry the next command measures again
    }
  }

  /** Drops the entry of one address: the next command measures again. */
  void forget(EngineEndpoint endpoint) {
    try {
      Files.deleteIfExists(file(endpoint));
    } catch (IOException e) {
      // nothing kept, or nothing the lab may remove
    }
  }

  private Path file(EngineEndpoint endpoint) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(endpoint.uri().toString().getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(h, 0, 12) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Owned by the lab's user and writable by no one else. */
  private static boolean ownAlone(Path p) throws IOException {
    Object own = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    return own.equals(Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS))
        && !perms.contains(PosixFilePermission.GROUP_WRITE)
        && !perms.contains(PosixFilePermission.OTHERS_WRITE);
  }
}
