package io.containercodes.lab.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The sandbox's own seccomp profile: Docker's default profile (moby/profiles {@code
 * seccomp/default.json}, commit 3c28324 of 6 May 2026, Apache-2.0, shipped unchanged as {@code
 * moby-default-seccomp.json}) with two changes made here, in code, so the difference stays visible:
 *
 * <ul>
 *   <li>{@code clone} is allowed only when its flags ask for no new namespace <em>and</em> not for
 *       {@code CLONE_UNTRACED}: a child the kernel does not attach to the tracer is a hole in the
 *       trace, and nothing a script needs starts one. Docker's default already refuses the
 *       namespace flags, {@code unshare} and {@code setns} without CAP_SYS_ADMIN, and {@code
 *       clone3} (ENOSYS, so the C library falls back to {@code clone}, whose flags a filter can
 *       read). Podman's default (containers/common {@code pkg/seccomp/seccomp.json}) allows {@code
 *       unshare}, {@code clone} with any flags and {@code keyctl}: measured, {@code unshare --user
 *       --map-root-user} made a root-mapped user namespace in the sandbox. One profile for both
 *       engines gives the same walls on both.
 *   <li>Only the architectures the lab runs on are kept (x86-64 and arm64 with their 32-bit
 *       companions): libseccomp 2.5 (Debian 12's runc) does not know LoongArch, which the upstream
 *       file lists.
 *   <li>Nothing the engine's own default profile denies is let through: the guardrails judge a
 *       profile that opens any call its engine's default denies as no filter at all, and an older
 *       engine's default lacks the calls newer kernels added (Podman 4.3's containers/common 0.50.1
 *       denies {@code fchmodat2}, {@code cachestat}, the {@code futex_wait}/{@code futex_requeue}
 *       family and more that moby's current profile allows). Those are refused with ENOSYS, as
 *       Podman's default refuses every call it does not name: the answer a kernel without the call
 *       gives, on which the C library falls back to the older call (EPERM would not make it).
 * </ul>
 *
 * Docker reads the profile from the request (the lab sends the JSON); Podman's compat API reads the
 * file at the path it is given, so the file lives in the run's folder, which a VM-backed engine
 * shares with the host.
 */
final class SandboxSeccomp {
  /** The namespace flags Docker's default refuses in {@code clone} (its 2114060288). */
  static final long NAMESPACE_FLAGS = 0x7E020000L;

  /** {@code CLONE_UNTRACED} (include/uapi/linux/sched.h). */
  static final long CLONE_UNTRACED = 0x00800000L;

  private static final Set<String> ARCHES = Set.of("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64");

  private SandboxSeccomp() {}

  /** ENOSYS (asm-generic/errno.h): "function not implemented". */
  static final int ENOSYS = 38;

  /**
   * The profile's JSON text.
   *
   * @param opens the calls a profile lets through that the engine's default denies ({@code
   *     Guardrails.seccompOpens} of the engine the sandbox runs on)
   */
  static String profile(Function<String, List<String>> opens) {
    try (InputStream in = SandboxSeccomp.class.getResourceAsStream("moby-default-seccomp.json")) {
      ObjectMapper json = new ObjectMapper();
      ObjectNode root = (ObjectNode) json.readTree(in);
      keepLabArchitectures(root);
      refuseUntracedClones(root);
      String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
      List<String> beyond = opens.apply(text);
      if (beyond.isEmpty()) {
        return text;
      }
      refuse(root, beyond);
      text = json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
      List<String> still = opens.apply(text);
      if (!still.isEmpty()) {
        throw new IllegalStateException("the sandbox's profile still opens " + still);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("the sandbox's seccomp profile is missing from the jar", e);
    }
  }

  /** Writes the profile into {@code dir} and returns its path. */
  static Path write(Path dir, Function<String, List<String>> opens) throws IOException {
    return Files.writeString(dir.resolve("seccomp.json"), profile(opens));
  }

  /**
   * Takes {@code calls} out of every rule that lets them through and refuses them with ENOSYS in a
   * rule of their own (one call in two rules with different actions is a conflict to libseccomp).
   */
  private static void refuse(ObjectNode root, List<String> calls) {
    ArrayNode kept = root.arrayNode();
    for (JsonNode rule : root.withArray("syscalls")) {
      if (rule.path("action").asText().equals("SCMP_ACT_ALLOW")) {
        ArrayNode names = root.arrayNode();
        rule.path("names").forEach(n -> names.add(n.asText()));
        for (int i = names.size() - 1; i >= 0; i--) {
          if (calls.contains(names.get(i).asText())) {
            names.remove(i);
          }
        }
        if (names.isEmpty()) {
          continue;
        }
        ((ObjectNode) rule).set("names", names);
      }
      kept.add(rule);
    }
    ObjectNode deny = kept.addObject();
    ArrayNode names = deny.putArray("names");
    calls.forEach(names::add);
    deny.put("action", "SCMP_ACT_ERRNO");
    deny.put("errnoRet", ENOSYS);
    deny.put("comment", "cclab: denied by the engine's own default profile");
    root.set("syscalls", kept);
  }

  private static void keepLabArchitectures(ObjectNode root) {
    ArrayNode kept = root.arrayNode();
    for (JsonNode arch : root.withArray("archMap")) {
      if (ARCHES.contains(arch.path("architecture").asText())) {
        kept.add(arch);
      }
    }
    root.set("archMap", kept);
  }

  /** Every {@code clone} rule that masks the namespace flags masks CLONE_UNTRACED too. */
  private static void refuseUntracedClones(ObjectNode root) {
    int changed = 0;
    for (JsonNode rule : root.withArray("syscalls")) {
      boolean clone = false;
      for (JsonNode name : rule.path("names")) {
        clone |= name.asText().equals("clone");
      }
      for (JsonNode arg : rule.path("args")) {
        if (clone
            && arg.path("op").asText().equals("SCMP_CMP_MASKED_EQ")
            && arg.path("value").asLong() == NAMESPACE_FLAGS) {
          ((ObjectNode) arg).put("value", NAMESPACE_FLAGS | CLONE_UNTRACED);
          changed++;
        }
      }
    }
    if (changed == 0) {
      throw new IllegalStateException("the shipped profile has no clone rule to extend");
    }
  }
}
