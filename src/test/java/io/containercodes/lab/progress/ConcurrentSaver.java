package io.containercodes.lab.progress;

import java.nio.file.Path;

/**
 * One "REPL window" for {@link ProgressConcurrencyTest}, run as its own JVM: loads the shared
 * progress once, then records runs and saves after each, as the REPL does after every command.
 * Arguments: FILE WINDOW-NUMBER SAVES. Exit 1 if any save reported a problem.
 */
public final class ConcurrentSaver {
  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String window = args[1];
    int saves = Integer.parseInt(args[2]);
    boolean[] problem = {false};
    ProgressStore store =
        new ProgressStore(
            file,
            m -> {
              System.err.println("window " + window + ": " + m);
              problem[0] = true;
            });
    Progress p = store.load();
    for (int i = 0; i < saves; i++) {
      p.recordRun("own-" + window, i % 2 == 0, "run " + i);
      p.recordRun("shared", false, "window " + window);
      p.visit("lesson-" + window + "-" + i);
      store.save(p);
    }
    System.exit(problem[0] ? 1 : 0);
  }
}
