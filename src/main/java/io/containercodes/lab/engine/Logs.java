package io.containercodes.lab.engine;

/** A container's output so far, one stream each. */
public record Logs(CapturedText stdout, CapturedText stderr) {}
