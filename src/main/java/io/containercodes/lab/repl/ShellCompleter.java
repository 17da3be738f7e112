package io.containercodes.lab.repl;

import io.containercodes.lab.runline.RunFlagVocabulary;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion: commands first, then demo ids, lesson ids, or podman run flags, by command. */
final class ShellCompleter implements Completer {
  private final List<ShellCommand> commands;
  private final List<String> demoIds;
  private final List<String> lessonIds;

  ShellCompleter(List<ShellCommand> commands, List<String> demoIds, List<String> lessonIds) {
    this.commands = commands;
    this.demoIds = demoIds;
    this.lessonIds = lessonIds;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    if (line.wordIndex() == 0) {
      commands.forEach(c -> candidates.add(new Candidate(c.name())));
      return;
    }
    String word = words.get(0);
    ShellCommand.Completion kind =
        commands.stream()
            .filter(c -> c.names().contains(word))
            .findFirst()
            .map(ShellCommand::completion)
            .orElse(ShellCommand.Completion.NONE);
    switch (kind) {
      case DEMOS -> demoIds.forEach(d -> candidates.add(new Candidate(d)));
      case RESET -> {
        candidates.add(new Candidate("--all"));
        demoIds.forEach(d -> candidates.add(new Candidate(d)));
      }
      case CLEAN -> candidates.add(new Candidate("--all"));
      case LESSONS -> lessonIds.forEach(l -> candidates.add(new Candidate(l)));
      case RUN_LINE, AUDIT_LINE -> {
        if (line.wordIndex() == 1) {
          candidates.add(new Candidate("--i-understand"));
          if (kind == ShellCommand.Completion.AUDIT_LINE) {
            candidates.add(new Candidate("--live"));
          }
          candidates.add(new Candidate("podman"));
          candidates.add(new Candidate("docker"));
        } else if (line.wordIndex() == 2) {
          candidates.add(new Candidate("run"));
        } else {
          RunFlagVocabulary.longNames().forEach(f -> candidates.add(new Candidate(f)));
          candidates.add(new Candidate("cclab/busybox"));
          candidates.add(new Candidate("cclab/python"));
        }
      }
      default -> {}
    }
  }
}
