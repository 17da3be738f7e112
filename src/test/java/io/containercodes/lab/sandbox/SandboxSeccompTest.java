package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's profile is Docker's default with exactly the changes its class names. */
class SandboxSeccompTest {
  private static JsonNode profile() throws Exception {
    return new ObjectMapper().readTree(SandboxSeccomp.profile());
  }

  private static List<JsonNode> rulesFor(JsonNode p, String call) {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode r : p.get("syscalls")) {
      for (JsonNode n : r.get("names")) {
        if (n.asText().equals(call)) {
          rules.add(r);
        }
      }
    }
    return rules;
  }

  @Test
  void cloneIsAllowedOnlyWithoutNamespacesAndWithoutCloneUntraced() throws Exception {
    List<Long> masks = new ArrayList<>();
    for (JsonNode r : rulesFor(profile(), "clone")) {
      for (JsonNode a : r.path("args")) {
        masks.add(a.get("value").asLong());
      }
    }
    assertEquals(List.of(0x7E820000L, 0x7E820000L), masks); // x86/arm and s390's argument order
    assertTrue((0x7E820000L & SandboxSeccomp.CLONE_UNTRACED) != 0);
  }

  @Test
  void unshareAndSetnsNeedCapSysAdminWhichTheSandboxDrops() throws Exception {
    for (String call : List.of("unshare", "setns", "mount", "keyctl")) {
      for (JsonNode r : rulesFor(profile(), call)) {
        assertEquals(
            "CAP_SYS_ADMIN", r.path("includes").path("caps").path(0).asText(), call + ": " + r);
      }
    }
    assertEquals("SCMP_ACT_ERRNO", profile().get("defaultAction").asText());
  }

  @Test
  void onlyTheLabsArchitecturesAreKept() throws Exception {
    List<String> arches = new ArrayList<>();
    profile().get("archMap").forEach(a -> arches.add(a.get("architecture").asText()));
    assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"), arches);
  }
}
