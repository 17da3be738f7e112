package io.containercodes.lab.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.containercodes.lab.runline.RunFlagVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** Tab after "try podman run" offers the run flags of the one vocabulary, not a copy of it. */
class ShellCompleterTest {
  @Test
  void runFlagsComeFromTheVocabulary() {
    ShellCommand tryCommand =
        new ShellCommand(
            List.of("try"), "try LINE", "runs a line", ShellCommand.Completion.RUN_LINE, l -> {});
    ShellCompleter completer = new ShellCompleter(List.of(tryCommand), List.of(), List.of());
    String line = "try podman run --";
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, new DefaultParser().parse(line, line.length()), candidates);

    Set<String> offered = new TreeSet<>();
    candidates.stream().map(Candidate::value).filter(v -> v.startsWith("-")).forEach(offered::add);
    assertEquals(new TreeSet<>(RunFlagVocabulary.longNames()), offered);
  }
}
