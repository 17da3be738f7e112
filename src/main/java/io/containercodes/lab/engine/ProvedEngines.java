package io.containercodes.lab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engines whose lessons CI proves ({@code proved-engines.txt}, kept equal to what .ci/run
 * starts by ProvedEnginesTest): each lesson's demos run with their proofs ({@code verify --prove})
 * and its engine-specific sentences measured (LessonFactsIT) on every one of them. An engine of
 * another version may differ where a lesson says engines differ: doctor says so.
 */
public final class ProvedEngines {
  /** One engine CI runs: its kind, its major.minor, where its package comes from. */
  public record Proved(EngineKind kind, String majorMinor, String source) {
    @Override
    public String toString() {
      return kind.displayName() + " " + majorMinor;
    }
  }

  private static final String RESOURCE = "proved-engines.txt";
  private static final Pattern MAJOR_MINOR = Pattern.compile("^v?(\\d+)\\.(\\d+)");

  private ProvedEngines() {}

  public static List<Proved> all() {
    try (InputStream in = ProvedEngines.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the lab's jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Proved> parse(String text) {
    return text.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(
            l -> {
              String[] w = l.split("\\s+", 3);
              EngineKind kind =
                  w[0].equals("podman")
                      ? EngineKind.PODMAN
                      : w[0].equals("docker") ? EngineKind.DOCKER : null;
              if (kind == null || w.length < 2 || !w[1].matches("\\d+\\.\\d+")) {
                throw new IllegalStateException(RESOURCE + ": not 'kind major.minor': " + l);
              }
              return new Proved(kind, w[1], w.length > 2 ? w[2] : "");
            })
        .toList();
  }

  /** The proved engine of this kind and major.minor, if CI runs it. */
  public static Optional<Proved> of(EngineKind kind, String version) {
    String majorMinor = majorMinor(version);
    return all().stream()
        .filter(p -> p.kind() == kind && p.majorMinor().equals(majorMinor))
        .findFirst();
  }

  /** "26.1" of "26.1.5+dfsg1", "5.4" of "5.4.2"; the version itself when it has no such form. */
  static String majorMinor(String version) {
    Matcher m =
        MAJOR_MINOR.matcher(version == null ? "" : version.strip().toLowerCase(Locale.ROOT));
    return m.find() ? m.group(1) + "." + m.group(2) : String.valueOf(version);
  }
}
