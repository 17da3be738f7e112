package io.containercodes.lab.audit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Four tiny static programs (about 150 bytes each), one syscall each, that tell the audit whether a
 * container may make that call. A shell has no way to call keyctl or process_vm_readv, and images
 * differ in what tools they carry, so the audit lends these. Each makes its call once, harmlessly,
 * and exits with the errno (0 when the call was allowed):
 *
 * <ul>
 *   <li>mount: {@code mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL)}, the container's own root,
 *       which the engines already make private;
 *   <li>unshare: {@code unshare(CLONE_NEWUSER)}, a user namespace for the program alone;
 *   <li>keyctl: {@code keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0)}, a read;
 *   <li>process_vm_readv: a zero-length read of the program's own memory.
 * </ul>
 *
 * The machine code, for x86-64 and arm64, was assembled from the source in {@code
 * docs/audit-syscalls.s} and {@code docs/audit-syscalls-arm64.s}; on other architectures the probe
 * reports "untested".
 */
final class SyscallPrograms {
  private static final long BASE = 0x400000L;
  private static final int HEADERS = 64 + 56;

  private static final short EM_X86_64 = 0x3e;
  private static final short EM_AARCH64 = 0xb7;
  private static final Map<String, String> X86_64 = new LinkedHashMap<>();
  private static final Map<String, String> ARM64 = new LinkedHashMap<>();

  static {
    // shared tail: exit(ret < 0 ? -ret : 0)
    String exit = "89c7f7df85c07c0231ffb83c0000000f05";
    X86_64.put("mount", "31ff488d352300000031d241ba004004004531c0b8a50000000f05" + exit + "2f00");
    X86_64.put("unshare", "bf00000010b8100100000f05" + exit);
    X86_64.put("keyctl", "31ffbefdffffff31d2b8fa0000000f05" + exit);
    X86_64.put(
        "process_vm_readv", "b8270000000f0589c731f631d24531d24531c04531c9b8360100000f05" + exit);

    String exitArm = "e10300cb1f0000f120b09f9aa80b80d2010000d4";
    ARM64.put(
        "mount",
        "000080d281010010020080d2030088d28300a0f2040080d2080580d2010000d4" + exitArm + "2f00");
    ARM64.put("unshare", "0000a2d2280c80d2010000d4" + exitArm);
    ARM64.put("keyctl", "000080d241008092020080d2681b80d2010000d4" + exitArm);
    ARM64.put(
        "process_vm_readv",
        "881580d2010000d4010080d2020080d2030080d2040080d2050080d2c82180d2010000d4" + exitArm);
  }

  private SyscallPrograms() {}

  /** The programs for this JVM's architecture by name; empty where the lab has none. */
  static Map<String, byte[]> forArchitecture(String osArch) {
    Map<String, String> code;
    short machine;
    switch (osArch) {
      case "amd64", "x86_64" -> {
        code = X86_64;
        machine = EM_X86_64;
      }
      case "aarch64", "arm64" -> {
        code = ARM64;
        machine = EM_AARCH64;
      }
      default -> {
        return Map.of();
      }
    }
    Map<String, byte[]> programs = new LinkedHashMap<>();
    code.forEach((name, hex) -> programs.put(name, elf(machine, HexFormat.of().parseHex(hex))));
    return programs;
  }

  /** A minimal static ELF64 executable: one header, one loadable segment holding the code. */
  static byte[] elf(short machine, byte[] code) {
    long size = (long) HEADERS + code.length;
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
    b.putShort((short) 2).putShort(machine).putInt(1); // executable, the machine, version 1
    b.putLong(BASE + HEADERS).putLong(64).putLong(0); // entry, program headers, no sections
    b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1);
    b.putShort((short) 0).putShort((short) 0).putShort((short) 0);
    b.putInt(1).putInt(5); // PT_LOAD, read + execute
    b.putLong(0).putLong(BASE).putLong(BASE).putLong(size).putLong(size).putLong(0x1000);
    return b.put(code).array();
  }
}
