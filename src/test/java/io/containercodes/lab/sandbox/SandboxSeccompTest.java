package io.containercodes.lab.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.engine.Guardrails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's profile is Docker's default with exactly the changes its class names. */
class SandboxSeccompTest {
  private static JsonNode profile() throws Exception {
    return new ObjectMapper().readTree(SandboxSeccomp.profile(text -> List.of()));
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

  @Test
  void whatAnEnginesDefaultDeniesIsRefusedWithEnosysAndTheGuardrailsFindNothingOpen()
      throws Exception {
    // before the engine is known, the guardrails compare with the strictest default they know
    // (Docker 20.10's and Podman 4's among them), which lack calls moby's current profile allows
    Guardrails strictest = Guardrails.forHost(Map.of());
    List<String> opened = strictest.seccompOpens(SandboxSeccomp.profile(text -> List.of()));
    assertTrue(opened.contains("fchmodat2"), opened.toString());

    JsonNode closed = new ObjectMapper().readTree(SandboxSeccomp.profile(strictest::seccompOpens));
    assertEquals(List.of(), strictest.seccompOpens(closed.toString()));
    for (String call : opened) {
      List<JsonNode> rules = rulesFor(closed, call);
      assertEquals(1, rules.size(), call + ": " + rules);
      assertEquals("SCMP_ACT_ERRNO", rules.get(0).get("action").asText(), call);
      assertEquals(SandboxSeccomp.ENOSYS, rules.get(0).get("errnoRet").asInt(), call);
    }
    // the rest is as before: clone still masks CLONE_UNTRACED
    assertEquals(2, rulesFor(closed, "clone").stream().filter(r -> r.has("args")).count());
  }

  @Test
  void onAnEngineWhoseDefaultAllowsThemTheNewerCallsStayAllowed() throws Exception {
    List<JsonNode> rules = rulesFor(profile(), "fchmodat2");
    assertEquals(1, rules.size(), rules.toString());
    assertEquals("SCMP_ACT_ALLOW", rules.get(0).get("action").asText());
  }
}
