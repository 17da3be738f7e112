package io.containercodes.lab.engine;

/**
 * Output kept from a run. Hostile code can print without end, so only the first {@code limit}
 * characters are kept and the cut is marked rather than hidden.
 */
public record CapturedText(String text, boolean truncated, long totalBytes) {
  public static final CapturedText EMPTY = new CapturedText("", false, 0);

  @Override
  public String toString() {
    return truncated
        ? text
            + "\n[… output truncated after "
            + text.length()
            + " characters of "
            + totalBytes
            + " bytes]"
        : text;
  }
}
