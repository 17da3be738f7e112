package io.containercodes.lab.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a single-layer image in the docker-archive format ({@code docker save}'s), which both
 * Docker Engine and Podman load through the API. Entries carry a fixed timestamp so the same inputs
 * give the same bytes, and so the same image id.
 */
final class ImageArchive {
  private static final long EPOCH = 0L;

  /** Builds the root filesystem layer. */
  static final class Layer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    Layer() {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    Layer dir(String path, int mode, int uid) {
      TarArchiveEntry e = new TarArchiveEntry(path.endsWith("/") ? path : path + "/");
      e.setMode(040000 | mode);
      e.setIds(uid, uid);
      return put(e, null);
    }

    Layer file(String path, int mode, byte[] content) {
      TarArchiveEntry e = new TarArchiveEntry(path);
      e.setMode(0100000 | mode);
      e.setSize(content.length);
      return put(e, content);
    }

    Layer symlink(String path, String target) {
      TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
      e.setLinkName(target);
      e.setMode(0120777);
      return put(e, null);
    }

    private Layer put(TarArchiveEntry e, byte[] content) {
      try {
        e.setModTime(EPOCH);
        tar.putArchiveEntry(e);
        if (content != null) {
          tar.write(content);
        }
        tar.closeArchiveEntry();
        return this;
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }

    byte[] finish() {
      try {
        tar.finish();
        tar.close();
        return bytes.toByteArray();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
  }

  /** The image's run configuration. */
  record Config(
      String reference,
      String architecture,
      List<String> env,
      List<String> cmd,
      Map<String, String> labels,
      String createdBy) {}

  /**
   * Writes the archive for a layer tar on disk; streams, so a 150 MB rootfs never sits in memory.
   */
  static void write(Path layer, Config config, OutputStream out) throws IOException {
    String layerHash = sha256(layer);
    String configJson =
        "{\"architecture\":"
            + json(config.architecture())
            + ",\"os\":\"linux\","
            + "\"created\":\"1970-01-01T00:00:00Z\","
            + "\"config\":{\"Env\":"
            + json(config.env())
            + ",\"Cmd\":"
            + json(config.cmd())
            + ",\"Labels\":"
            + json(new TreeMap<>(config.labels()))
            + "},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
            + json("sha256:" + layerHash)
            + "]},"
            + "\"history\":[{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":"
            + json(config.createdBy())
            + "}]}";
    byte[] configBytes = configJson.getBytes(StandardCharsets.UTF_8);
    String configName = sha256(configBytes) + ".json";
    String layerName = layerHash + "/layer.tar";
    String manifest =
        "[{\"Config\":"
            + json(configName)
            + ",\"RepoTags\":["
            + json(config.reference())
            + "],\"Layers\":["
            + json(layerName)
            + "]}]";

    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    putFile(tar, configName, configBytes);
    TarArchiveEntry dir = new TarArchiveEntry(layerHash + "/");
    dir.setModTime(EPOCH);
    tar.putArchiveEntry(dir);
    tar.closeArchiveEntry();
    TarArchiveEntry layerEntry = new TarArchiveEntry(layerName);
    layerEntry.setModTime(EPOCH);
    layerEntry.setSize(Files.size(layer));
    tar.putArchiveEntry(layerEntry);
    Files.copy(layer, tar);
    tar.closeArchiveEntry();
    putFile(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    tar.finish();
    tar.flush();
  }

  private static void putFile(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setModTime(EPOCH);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static String json(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(json(values.get(i)));
    }
    return sb.append(']').toString();
  }

  private static String json(Map<String, String> map) {
    StringBuilder sb = new StringBuilder("{");
    map.forEach(
        (k, v) ->
            sb.append(sb.length() == 1 ? "" : ",").append(json(k)).append(':').append(json(v)));
    return sb.append('}').toString();
  }
}
