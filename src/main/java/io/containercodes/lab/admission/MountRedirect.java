package io.containercodes.lab.admission;

/**
 * Where a line's host path really points in this run: a demo's scratch copy says "the copy of this
 * asset", everything else stays as written. The admission applies it to every bind mount and lists
 * each change; the copy itself (made, and removed after the run) belongs to whoever runs the demo.
 */
@FunctionalInterface
public interface MountRedirect {
  /** Every mount stays as written. */
  MountRedirect NONE = hostPath -> hostPath;

  /**
   * The path this host path means in this run.
   *
   * @throws io.containercodes.lab.InvalidInput for a mount the redirect cannot honour (a directory
   *     around a scratch asset would hand over the original)
   */
  String redirect(String hostPath);
}
