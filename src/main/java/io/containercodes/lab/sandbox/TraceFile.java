package io.containercodes.lab.sandbox;

import io.containercodes.lab.EnvironmentProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The trace the sidecar wrote, read by the lab after the run. A file-size limit on the sidecar (256
 * MiB) bounds what a syscall loop can make it write; the report reads at most the first {@value
 * #READ_LIMIT} bytes (a pip install writes about 0.6 MB) and says so when there is more.
 */
record TraceFile(Path path) {
  /** The biggest trace the tracer may write (RLIMIT_FSIZE on its sidecar). */
  static final long MAX_BYTES = 256L << 20;

  /** How much of the trace the report reads: a pip install many times over, not a heap's worth. */
  static final int READ_LIMIT = 32 << 20;

  /** The trace as written, up to {@link #READ_LIMIT} bytes (whole lines); empty when none. */
  String read() {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(READ_LIMIT);
      String text = new String(head, StandardCharsets.ISO_8859_1);
      if (head.length == READ_LIMIT) {
        text = text.substring(0, text.lastIndexOf('\n') + 1);
      }
      return text;
    } catch (IOException e) {
      return "";
    }
  }

  /** True when the trace is longer than the report reads. */
  boolean truncated() {
    try {
      return Files.size(path) > READ_LIMIT;
    } catch (IOException e) {
      return false;
    }
  }

  /** Copies the raw trace to {@code to} (--trace FILE). */
  void keep(Path to) {
    try {
      Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Cannot keep the trace in " + to + ": " + e.getMessage(), null, e);
    }
  }
}
