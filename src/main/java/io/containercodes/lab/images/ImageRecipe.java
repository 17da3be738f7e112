package io.containercodes.lab.images;

import java.util.Map;

/** Builds a lab image without a registry. */
interface ImageRecipe {
  /** Changes whenever the recipe or its inputs change, so a stale image gets rebuilt. */
  String hash();

  /** A docker-archive tar for the engine to load, tagged with {@code reference} and carrying {@code labels}. */
  byte[] build(String reference, Map<String, String> labels);

  /** One line for progress messages, e.g. "from the host's busybox-static". */
  String description();
}
