package io.containercodes.lab.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demos' "engine default plus one denial" profiles (#26): each engine's default is the upstream
 * file named in demos/_shared/seccomp/README.md, byte for byte, and each derived profile is its
 * source with the denied calls taken out of the allow rules and one SCMP_ACT_ERRNO rule added —
 * nothing else. A profile replaces the default, so anything more or less would loosen or tighten
 * the engine's default while the demo says it was kept.
 */
class SeccompProfilesTest {
  private static final Path SHARED = Path.of("demos/_shared/seccomp");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** sha256 of containers/common v0.50.1 pkg/seccomp/seccomp.json and moby v20.10.24's. */
  private static final Map<String, String> SOURCES =
      Map.of(
          "podman-4.3.json", "cc374cf23846ce1f62f4dc807a8e2b8673c783c6f56cb475467621035d281e6c",
          "docker-20.10.json", "ce3585b856aa4a193671fd8280d0d0612a998bd3f10bdb2f8530dfa958c6197f");

  private static final Map<String, List<String>> DERIVED =
      Map.of(
          "demos/seccomp/%s-default-deny-mkdir.json", List.of("mkdir", "mkdirat"),
          "demos/seccomp-exercise/%s-default-deny-mkdir.json", List.of("mkdir", "mkdirat"),
          "demos/noexec/%s-default-deny-memfd.json", List.of("memfd_create"));

  @Test
  void theSourcesAreTheEnginesOwnDefaults() throws Exception {
    for (var e : SOURCES.entrySet()) {
      byte[] bytes = Files.readAllBytes(SHARED.resolve(e.getKey()));
      assertEquals(e.getValue(), sha256(bytes), e.getKey() + " is not the upstream file");
    }
  }

  @Test
  void eachDerivedProfileIsItsEnginesDefaultPlusExactlyTheDenial() throws IOException {
    for (var d : DERIVED.entrySet()) {
      for (String engine : List.of("podman", "docker")) {
        Path derived = Path.of(String.format(d.getKey(), engine));
        String source = engine.equals("podman") ? "podman-4.3.json" : "docker-20.10.json";
        JsonNode expected = expected(JSON.readTree(SHARED.resolve(source).toFile()), d.getValue());
        assertTrue(
            expected.equals(JSON.readTree(derived.toFile())),
            derived
                + " must be "
                + source
                + " plus the denial of "
                + d.getValue()
                + " (scripts/seccomp-profiles writes it)");
      }
    }
  }

  /** The source with the denied calls out of every allow rule, and one EPERM rule for them. */
  private static JsonNode expected(JsonNode source, List<String> denied) {
    ObjectNode profile = source.deepCopy();
    ArrayNode rules = JSON.createArrayNode();
    for (JsonNode rule : profile.get("syscalls")) {
      ObjectNode r = rule.deepCopy();
      if (r.get("action").asText().equals("SCMP_ACT_ALLOW")) {
        ArrayNode names = JSON.createArrayNode();
        r.get("names")
            .forEach(
                n -> {
                  if (!denied.contains(n.asText())) {
                    names.add(n);
                  }
                });
        r.set("names", names);
      }
      if (!r.get("names").isEmpty()) {
        rules.add(r);
      }
    }
    ObjectNode denial = JSON.createObjectNode();
    ArrayNode names = denial.putArray("names");
    denied.forEach(names::add);
    denial.put("action", "SCMP_ACT_ERRNO");
    denial.put("errnoRet", 1);
    denial.put("comment", "cclab: the one denial added to the engine's default profile");
    rules.add(denial);
    profile.set("syscalls", rules);
    return profile;
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
