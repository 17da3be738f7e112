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
import java.util.Set;

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

  /** The profile's JSON text. */
  static String profile() {
    try (InputStream in = SandboxSeccomp.class.getResourceAsStream("moby-default-seccomp.json")) {
      ObjectMapper json = new ObjectMapper();
      ObjectNode root = (ObjectNode) json.readTree(in);
      keepLabArchitectures(root);
      refuseUntracedClones(root);
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException("the sandbox's seccomp profile is missing from the jar", e);
    }
  }

  /** Writes the profile into {@code dir} and returns its path. */
  static Path write(Path dir) throws IOException {
    return Files.writeString(dir.resolve("seccomp.json"), profile());
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
