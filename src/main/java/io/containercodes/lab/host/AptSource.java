package io.containercodes.lab.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's own Debian/Ubuntu archive (mirror and release), read from its apt sources, so an
 * offline image build uses the mirror this machine already trusts and reaches. Reads both the
 * one-line format (sources.list) and deb822 (*.sources).
 */
public record AptSource(String mirror, String suite) {

  public static Optional<AptSource> forHost() {
    return read(Path.of("/etc/apt"));
  }

  static Optional<AptSource> read(Path aptDir) {
    List<Path> files = new ArrayList<>();
    files.add(aptDir.resolve("sources.list"));
    try (DirectoryStream<Path> d = Files.newDirectoryStream(aptDir.resolve("sources.list.d"))) {
      d.forEach(files::add);
    } catch (IOException ignored) {
      // no sources.list.d
    }
    for (Path f : files.stream().sorted().toList()) {
      String text;
      try {
        text = Files.readString(f);
      } catch (IOException e) {
        continue;
      }
      Optional<AptSource> found =
          f.toString().endsWith(".sources")
              ? deb822(text)
              : f.toString().endsWith(".list") ? oneLine(text) : Optional.empty();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** A release suite such as bookworm or jammy: not -updates, -security or -backports. */
  private static boolean isRelease(String suite) {
    return !suite.contains("-") && !suite.contains("/");
  }

  private static boolean isDistributionArchive(String uri) {
    return uri.contains("debian") || uri.contains("ubuntu");
  }

  static Optional<AptSource> oneLine(String text) {
    for (String raw : text.split("\n", -1)) { // an empty line is no "deb " line
      String line = raw.strip();
      if (!line.startsWith("deb ")) {
        continue;
      }
      String rest = line.substring(4).strip();
      if (rest.startsWith("[")) {
        rest = rest.substring(rest.indexOf(']') + 1).strip();
      }
      String[] f = rest.split("\\s+", -1); // stripped: no trailing empties
      if (f.length >= 2 && isRelease(f[1]) && isDistributionArchive(f[0])) {
        return Optional.of(new AptSource(f[0], f[1]));
      }
    }
    return Optional.empty();
  }

  static Optional<AptSource> deb822(String text) {
    for (String block : text.split("\n\\s*\n", -1)) { // an empty block has no fields
      String types = field(block, "Types");
      String uris = field(block, "URIs");
      String suites = field(block, "Suites");
      if (types == null
          || !List.of(types.split("\\s+")).contains("deb")
          || uris == null
          || suites == null) {
        continue;
      }
      String uri = uris.split("\\s+", -1)[0]; // stripped, as is suites
      for (String suite : suites.split("\\s+", -1)) {
        if (isRelease(suite) && isDistributionArchive(uri)) {
          return Optional.of(new AptSource(uri, suite));
        }
      }
    }
    return Optional.empty();
  }

  private static String field(String block, String name) {
    for (String line : block.split("\n", -1)) { // an empty line names no field
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }
}
