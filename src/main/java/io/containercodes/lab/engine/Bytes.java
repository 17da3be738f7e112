package io.containercodes.lab.engine;

import java.util.Locale;

/** Byte counts in the engine's notation: {@code 64m}, {@code 1.5g}, {@code 512k}. */
public final class Bytes {
  private Bytes() {}

  public static String human(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v)
            ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.1f", v))
        + " "
        + units[u];
  }

  /**
   * Parses {@code 100m}, {@code 1g}, {@code 512k}, {@code 1024b} or a plain number of bytes, the
   * grammar {@code podman run --memory} accepts.
   *
   * @throws NumberFormatException with a message that names the value
   */
  public static long parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new NumberFormatException("empty size");
    }
    long factor = 1;
    char last = s.charAt(s.length() - 1);
    if (s.endsWith("ib")
        || (s.endsWith("b") && s.length() > 1 && Character.isLetter(s.charAt(s.length() - 2)))) {
      s = s.substring(0, s.length() - (s.endsWith("ib") ? 2 : 1));
      if (s.isEmpty()) { // "ib" alone: a unit without a number
        throw new NumberFormatException("'" + text + "' is not a size (examples: 64m, 1g, 512k)");
      }
      last = s.charAt(s.length() - 1);
    }
    switch (last) {
      case 'b' -> s = s.substring(0, s.length() - 1);
      case 'k' -> {
        factor = 1L << 10;
        s = s.substring(0, s.length() - 1);
      }
      case 'm' -> {
        factor = 1L << 20;
        s = s.substring(0, s.length() - 1);
      }
      case 'g' -> {
        factor = 1L << 30;
        s = s.substring(0, s.length() - 1);
      }
      case 't' -> {
        factor = 1L << 40;
        s = s.substring(0, s.length() - 1);
      }
      default -> {}
    }
    try {
      double value = Double.parseDouble(s);
      if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return (long) (value * factor);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("'" + text + "' is not a size (examples: 64m, 1g, 512k)");
    }
  }
}
