package io.containercodes.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files (or sections of files) a test compares with what the code produces. {@code mvn verify} only
 * compares: a golden that is missing or differs fails the test and is never written. {@code
 * -Dgoldens.update=true} writes what the code produces instead, for a deliberate change, whose diff
 * is then reviewed before it is committed.
 */
public final class Goldens {
  /** The switch that writes goldens instead of comparing them. */
  public static final String UPDATE = "goldens.update";

  private Goldens() {}

  static boolean updating() {
    return Boolean.getBoolean(UPDATE);
  }

  /** The file holds exactly {@code actual}. */
  public static void assertFile(Path golden, String actual) throws IOException {
    if (updating()) {
      Files.writeString(golden, actual);
      return;
    }
    assertTrue(
        Files.exists(golden),
        golden + " is missing: write it with -D" + UPDATE + "=true and review it");
    assertEquals(
        Files.readString(golden),
        actual,
        golden + " differs from what the code produces (-D" + UPDATE + "=true rewrites it)");
  }

  /** The part of {@code file} between the two marker lines is exactly {@code actual}. */
  public static void assertSection(Path file, String begin, String end, String actual)
      throws IOException {
    String text = Files.readString(file);
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertTrue(from >= 0 && to > from, file + " has no section between " + begin + " and " + end);
    int start = text.indexOf('\n', from) + 1;
    String current = text.substring(start, to);
    if (updating()) {
      Files.writeString(file, text.substring(0, start) + actual + text.substring(to));
      return;
    }
    assertEquals(
        current,
        actual,
        file
            + "'s section "
            + begin
            + " differs from the code (-D"
            + UPDATE
            + "=true rewrites it)");
  }
}
