package io.containercodes.lab.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Builds a lab image without a registry. */
interface ImageRecipe {
  /** Changes whenever the recipe or its inputs change, so a stale image gets rebuilt. */
  String hash();

  /**
   * Writes a docker-archive tar for the engine to load, tagged with {@code reference} and carrying
   * {@code labels}, into {@code workDir}, and returns its path.
   */
  Path build(String reference, Map<String, String> labels, Path workDir) throws IOException;

  /**
   * True when this machine can build it without asking anyone (tools present, or installable now).
   */
  boolean canBuildHere();

  /**
   * Why this machine cannot build it at all, as a clause ("building it needs root …, and the lab
   * runs as ann"), or null when it can (or may, once a tool is installed).
   */
  default String whyNotHere() {
    return null;
  }

  /**
   * True when {@link #hash()} can be computed here without installing anything: an image the lab
   * built elsewhere is only judged stale against a recipe this host can read.
   */
  default boolean canHashHere() {
    return true;
  }

  /**
   * Why {@link #canBuildHere()} is false on a machine {@link #whyNotHere()} accepts, as a clause.
   */
  default String missingTool() {
    return "a tool it needs is missing";
  }

  /** One line for progress messages, e.g. "from the host's busybox-static". */
  String description();
}
