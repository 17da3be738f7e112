package io.containercodes.lab.audit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Four tiny static programs, one syscall each, that tell the audit whether a container may make
 * that call. A shell has no way to call keyctl or process_vm_readv, and images differ in what
 * tools they carry, so the audit lends these. Each makes its call once, harmlessly, and exits
 * with the errno (0 when the call was allowed):
 * <ul>
 *   <li>mount: {@code mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL)}, the container's own root,
 *       which the engines already make private;</li>
 *   <li>unshare: {@code unshare(CLONE_NEWUSER)}, a user namespace for the program alone;</li>
 *   <li>keyctl: {@code keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0)}, a read;</li>
 *   <li>process_vm_readv: a zero-length read of the program's own memory.</li>
 * </ul>
 * The machine code (x86-64 only for now) was assembled from the source in
 * {@code docs/audit-syscalls.s}; on other architectures the probe reports "untested".
 */
final class SyscallPrograms {
  private static final long BASE = 0x400000L;
  private static final int HEADERS = 64 + 56;

  private static final Map<String, String> X86_64 = new LinkedHashMap<>();

  static {
    // shared tail: exit(ret < 0 ? -ret : 0)
    String exit = "89c7f7df85c07c0231ffb83c0000000f05";
    X86_64.put("mount", "31ff488d352300000031d241ba004004004531c0b8a50000000f05" + exit + "2f00");
    X86_64.put("unshare", "bf00000010b8100100000f05" + exit);
    X86_64.put("keyctl", "31ffbefdffffff31d2b8fa0000000f05" + exit);
    X86_64.put("process_vm_readv", "b8270000000f0589c731f631d24531d24531c04531c9b8360100000f05" + exit);
  }

  private SyscallPrograms() {}

  /** The programs for this JVM's architecture by name; empty where the lab has none. */
  static Map<String, byte[]> forArchitecture(String osArch) {
    if (!osArch.equals("amd64") && !osArch.equals("x86_64")) {
      return Map.of();
    }
    Map<String, byte[]> programs = new LinkedHashMap<>();
    X86_64.forEach((name, code) -> programs.put(name, elf(HexFormat.of().parseHex(code))));
    return programs;
  }

  /** A minimal static ELF64 executable: one header, one loadable segment holding the code. */
  static byte[] elf(byte[] code) {
    long size = HEADERS + code.length;
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
    b.putShort((short) 2).putShort((short) 0x3e).putInt(1); // executable, x86-64, version 1
    b.putLong(BASE + HEADERS).putLong(64).putLong(0); // entry, program headers, no sections
    b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1);
    b.putShort((short) 0).putShort((short) 0).putShort((short) 0);
    b.putInt(1).putInt(5); // PT_LOAD, read + execute
    b.putLong(0).putLong(BASE).putLong(BASE).putLong(size).putLong(size).putLong(0x1000);
    return b.put(code).array();
  }
}
