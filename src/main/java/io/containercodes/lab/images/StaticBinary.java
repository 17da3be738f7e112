package io.containercodes.lab.images;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Tells a statically linked ELF executable from a dynamic one (which would not run in an empty
 * rootfs).
 */
final class StaticBinary {
  private static final int PT_INTERP = 3;

  private StaticBinary() {}

  /** True when the file is a 64-bit little-endian ELF with no program interpreter. */
  static boolean isStaticElf(Path file) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      byte[] ident = new byte[16];
      f.readFully(ident);
      if (ident[0] != 0x7f
          || ident[1] != 'E'
          || ident[2] != 'L'
          || ident[3] != 'F'
          || ident[4] != 2
          || ident[5] != 1) {
        return false;
      }
      f.seek(0x20);
      long phoff = Long.reverseBytes(f.readLong());
      f.seek(0x36);
      int phentsize = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
      int phnum = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
      for (int i = 0; i < phnum; i++) {
        f.seek(phoff + (long) i * phentsize);
        if (Integer.reverseBytes(f.readInt()) == PT_INTERP) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
