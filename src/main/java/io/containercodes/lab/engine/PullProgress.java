package io.containercodes.lab.engine;

/** Progress of a pull: bytes done and total over all layers seen so far. */
public record PullProgress(long doneBytes, long totalBytes, String status) {}
