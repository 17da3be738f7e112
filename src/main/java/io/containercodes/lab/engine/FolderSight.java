package io.containercodes.lab.engine;

/**
 * One folder the lab binds from, and whether the engine was measured to see it ({@link
 * FolderVisibility}): doctor's host-files row lists them.
 *
 * @param folder the folder on this machine
 * @param learners the current directory's project (the learner's), not a folder of the lab's: where
 *     the engine does not see it, a line that mounts it is refused rather than copied
 * @param seen yes, no or unknown, with how the lab knows
 */
public record FolderSight(String folder, boolean learners, Fact seen) {}
