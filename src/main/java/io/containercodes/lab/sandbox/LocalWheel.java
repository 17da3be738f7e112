package io.containercodes.lab.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A pure-Python wheel written by hand ({@code cclabdemo-1.0}): no build tools and no network, so a
 * pip install from a local folder can be run offline — the selftest's quiet sample and the
 * benchmark's workload.
 */
public final class LocalWheel {
  public static final String FILE = "cclabdemo-1.0-py3-none-any.whl";

  private LocalWheel() {}

  /** Writes the wheel, with {@code modules} small modules, into {@code dir}. */
  public static Path write(Path dir, int modules) throws IOException {
    Path file = dir.resolve(FILE);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      StringBuilder record = new StringBuilder();
      for (int i = 0; i < modules; i++) {
        String name = i == 0 ? "cclabdemo/__init__.py" : "cclabdemo/m" + i + ".py";
        entry(zip, name, "VALUE = " + i + "\n\ndef f(x):\n    return x * " + i + "\n");
        record.append(name).append(",,\n");
      }
      String info = "cclabdemo-1.0.dist-info/";
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put(info + "METADATA", "Metadata-Version: 2.1\nName: cclabdemo\nVersion: 1.0\n");
      meta.put(
          info + "WHEEL",
          "Wheel-Version: 1.0\nGenerator: cclab\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
      meta.put(info + "top_level.txt", "cclabdemo\n");
      for (Map.Entry<String, String> m : meta.entrySet()) {
        entry(zip, m.getKey(), m.getValue());
        record.append(m.getKey()).append(",,\n");
      }
      record.append(info).append("RECORD,,\n");
      entry(zip, info + "RECORD", record.toString());
    }
    return file;
  }

  private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(text.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }
}
