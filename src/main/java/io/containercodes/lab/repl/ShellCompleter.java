package io.containercodes.lab.repl;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion: commands first, then demo ids, lesson ids, or podman run flags, by command. */
final class ShellCompleter implements Completer {
  static final List<String> COMMANDS = List.of("toc", "show", "next", "back", "goto", "run", "try", "audit", "challenge", "sandbox", "hint",
      "solution", "check", "progress", "reset", "doctor", "clean", "help", "quit");

  private final List<String> demoIds;
  private final List<String> lessonIds;

  ShellCompleter(List<String> demoIds, List<String> lessonIds) {
    this.demoIds = demoIds;
    this.lessonIds = lessonIds;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    if (line.wordIndex() == 0) {
      COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
      return;
    }
    String command = words.get(0);
    switch (command) {
      case "run", "hint", "solution", "check" -> demoIds.forEach(d -> candidates.add(new Candidate(d)));
      case "reset" -> {
        candidates.add(new Candidate("--all"));
        demoIds.forEach(d -> candidates.add(new Candidate(d)));
      }
      case "goto", "show" -> lessonIds.forEach(l -> candidates.add(new Candidate(l)));
      case "try", "audit", "challenge" -> {
        if (line.wordIndex() == 1) {
          if (!command.equals("try")) {
            candidates.add(new Candidate("--live"));
          }
          candidates.add(new Candidate("podman"));
          candidates.add(new Candidate("docker"));
        } else if (line.wordIndex() == 2) {
          candidates.add(new Candidate("run"));
        } else {
          io.containercodes.lab.demo.RunFlagVocabulary.longNames().forEach(f -> candidates.add(new Candidate(f)));
          candidates.add(new Candidate("cclab/busybox"));
          candidates.add(new Candidate("cclab/python"));
        }
      }
      default -> { }
    }
  }
}
