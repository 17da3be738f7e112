package io.containercodes.lab.progress;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a learner stands on one demo. Stored as the lower-case word, as schema 1 and 2 files have
 * it; a word the lab does not know makes the file unreadable (moved aside and told, never dropped).
 */
public enum DemoStatus {
  NEW("new"),
  PASSED("passed"),
  FAILED("failed");

  private final String word;

  DemoStatus(String word) {
    this.word = word;
  }

  /** The word in the progress file, the export and the progress table. */
  @JsonValue
  public String word() {
    return word;
  }

  @Override
  public String toString() {
    return word;
  }
}
