package io.containercodes.lab.demo;

import io.containercodes.lab.check.Check;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A runnable demonstration: helpers started first (a canary server on a lab network), then
 * one or more steps, each a {@code podman run} line the learner reads and the lab runs, with
 * the checks that prove what it shows. {@code without} names the protective flags whose
 * removal must make the checks fail.
 */
public record Demo(
    String id,
    String title,
    String proves,
    Path directory,
    Path file,
    List<String> networks,
    List<Helper> helpers,
    List<Step> steps,
    List<String> without,
    List<String> hints,
    String exercise) {

  /** A container started before the steps and removed after them. */
  public record Helper(String name, String run, int line) {}

  /** One run line and its checks; {@code line} is where {@code run:} is in the demo file. */
  public record Step(String title, String run, int line, Duration timeout, List<Check> expect) {}

  /** An exercise asks the learner to write the (single) step's line; the demo's own line is the solution. */
  public boolean isExercise() {
    return exercise != null;
  }

  public boolean hasCanary() {
    return helpers.stream().anyMatch(h -> h.name().equals("canary"));
  }
}
