package io.containercodes.lab.progress;

import java.nio.file.Path;
import java.util.List;

/**
 * {@link ClassFixture}'s class, with lines for memory-exercise (lesson 04, where most of the room
 * stops): the same wrong answer in three spellings, another in two, a hostile line that never ran,
 * and Ada's right answer. The numbers the tests assert are worked out by hand below.
 */
public final class RoomFixture {
  static final String EXERCISE = "memory-exercise";
  static final String MOUNT =
      " -v $(pwd)/grow.py:/app/grow.py:ro cclab/python python3 /app/grow.py";

  /** --memory without --memory-swap: learners 1, 2, 3 and 8; three spellings, four lines. */
  static final String NO_SWAP = "podman run --rm --memory 100m" + MOUNT;

  static final String NO_SWAP_EQUALS = "podman run --rm --memory=100M" + MOUNT;
  static final String NO_SWAP_SHORT = "podman run -m 100m --rm" + MOUNT;

  /** --cpus instead of --memory: learners 1 and 3, two spellings. */
  static final String CPUS = "podman run --rm --cpus 0.5" + MOUNT;

  static final String CPUS_EQUALS = "podman run --cpus=0.5 --rm" + MOUNT;

  /** Learner 5's line, which never ran (a hand-edited export could say anything). */
  static final String HOSTILE = "<script>alert('x')</script> \u001b[2J | `rm` **x**";

  static final String REFUSED = "<b>refused</b>\u001b]0;t\u0007";

  static final String RIGHT = "podman run --rm --memory 100m --memory-swap 100m" + MOUNT;

  /*
   * Wrong lines of memory-exercise: 7 (learners 1 and 3 two each, 2, 5 and 8 one each) from 5
   * learners. Groups: no swap 4 lines, 4 learners, 3 spellings, failed config ×4;
   * cpus 2 lines, 2 learners, 2 spellings, failed oom-killed ×2 and config ×2; the hostile line 1.
   * Funnel, lesson 04: reached 10 (9 + learner 5, whose line touched the exercise), attempted 10,
   * solved 5. memory-exercise: reached 10, attempted 10, solved 5 (0, 4, 7, 9, 11).
   */

  private RoomFixture() {}

  public static Progress progress(int learner) {
    Progress p = ClassFixture.progress(learner);
    switch (learner) {
      case 0 -> p.recordLine(EXERCISE, RIGHT, List.of());
      case 1 -> {
        p.recordLine(EXERCISE, CPUS, List.of("oom-killed", "config"));
        p.recordLine(EXERCISE, NO_SWAP, List.of("config"));
      }
      case 2 -> p.recordLine(EXERCISE, NO_SWAP_EQUALS, List.of("config"));
      case 3 -> {
        p.recordLine(EXERCISE, CPUS_EQUALS, List.of("oom-killed", "config"));
        p.recordLine(EXERCISE, NO_SWAP_SHORT, List.of("config"));
      }
      case 5 -> p.recordNotStarted(EXERCISE, HOSTILE, REFUSED);
      case 8 -> p.recordLine(EXERCISE, NO_SWAP, List.of("config"));
      default -> {}
    }
    return p;
  }

  /** Writes the twelve exports into {@code dir}, named as hand-ins are. */
  public static void write(Path dir) throws Exception {
    for (int i = 0; i < ClassFixture.NAMES.size(); i++) {
      String json =
          ProgressExport.json(
              ProgressExport.of(ClassFixture.NAMES.get(i), ClassFixture.EPISODE, progress(i)));
      HandIn.write(
          dir,
          ClassFixture.NAMES.get(i),
          "lab-pc-" + i,
          java.time.Instant.parse("2026-11-30T09:00:00Z"),
          json);
    }
  }
}
