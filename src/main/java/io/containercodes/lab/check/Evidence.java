package io.containercodes.lab.check;

import io.containercodes.lab.engine.Outcome;
import java.util.Map;
import java.util.Set;

/**
 * Everything a check may look at after one step ran.
 *
 * @param canaryHits connections the step's canary server logged during the step; null when the demo
 *     has no canary
 * @param probeFacts the {@code key=value} lines the shared probe printed (empty when the step did
 *     not run it)
 * @param changedHostPaths host paths whose content changed during the step (of those a check named)
 * @param hostFeatures what the engine and host offer that a step can require
 */
public record Evidence(
    Outcome outcome,
    Integer canaryHits,
    Map<String, String> probeFacts,
    Set<String> changedHostPaths,
    Set<HostFeature> hostFeatures) {}
