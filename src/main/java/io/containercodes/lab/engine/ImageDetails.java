package io.containercodes.lab.engine;

import java.util.Map;

/** Facts about one local image. */
public record ImageDetails(String id, Map<String, String> labels, long sizeBytes, String created) {}
