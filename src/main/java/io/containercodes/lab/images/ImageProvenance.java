package io.containercodes.lab.images;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How each lab image arrived (built, pulled or loaded from a bundle), by image id. A loaded image
 * still carries the labels of the build it came from, so the labels alone cannot say.
 */
final class ImageProvenance {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  ImageProvenance(Path file) {
    this.file = file;
  }

  static ImageProvenance forUser(Map<String, String> env) {
    String state = env.get("XDG_STATE_HOME");
    Path base =
        state != null && !state.isBlank()
            ? Path.of(state)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return new ImageProvenance(base.resolve("cclab/images.json"));
  }

  synchronized String sourceOf(String imageId) {
    return read().get(imageId);
  }

  synchronized void record(String imageId, String source) {
    Map<String, String> all = read();
    all.put(imageId, source);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // provenance is a convenience for "images list"; losing it loses no image
    }
  }

  private Map<String, String> read() {
    if (!Files.isRegularFile(file)) {
      return new LinkedHashMap<>();
    }
    try {
      return new LinkedHashMap<>(
          JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
    } catch (IOException e) {
      return new LinkedHashMap<>();
    }
  }
}
