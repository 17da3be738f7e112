package io.containercodes.lab.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArchiveTest {
  @TempDir Path dir;

  private byte[] sample() throws IOException {
    byte[] layer =
        new ImageArchive.Layer()
            .dir("bin", 0755, 0)
            .file("bin/hello", 0755, "hi".getBytes(StandardCharsets.UTF_8))
            .symlink("bin/sh", "hello")
            .dir("tmp", 01777, 0)
            .finish();
    Path layerFile = Files.write(dir.resolve("layer.tar"), layer);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageArchive.write(
        layerFile,
        new ImageArchive.Config(
            "localhost/cclab/test:latest",
            "amd64",
            List.of("PATH=/bin"),
            List.of("sh"),
            Map.of("k", "v \"quoted\""),
            "test"),
        out);
    return out.toByteArray();
  }

  @Test
  void theSameInputsGiveTheSameBytes() throws IOException {
    assertArrayEquals(sample(), sample());
  }

  @Test
  void itIsADockerArchiveWithManifestConfigAndLayer() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(sample()))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    String manifest = new String(files.get("manifest.json"), StandardCharsets.UTF_8);
    assertTrue(manifest.contains("\"RepoTags\":[\"localhost/cclab/test:latest\"]"), manifest);
    String configName = manifest.replaceAll(".*\"Config\":\"([^\"]+)\".*", "$1");
    String config = new String(files.get(configName), StandardCharsets.UTF_8);
    String layerName = manifest.replaceAll(".*\"Layers\":\\[\"([^\"]+)\"].*", "$1");
    byte[] layer = files.get(layerName);
    assertTrue(
        config.contains("\"diff_ids\":[\"sha256:" + ImageArchive.sha256(layer) + "\"]"), config);
    assertTrue(config.contains("\"Labels\":{\"k\":\"v \\\"quoted\\\"\"}"), config);
    assertEquals(
        ImageArchive.sha256(files.get(configName)) + ".json",
        configName,
        "config is content-addressed");
  }
}
