package io.containercodes.lab.runline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.engine.LineFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The run-line flags have one definition ({@link RunFlags}); what users read is derived from it or
 * tested equal to it.
 */
class RunFlagVocabularyTest {
  @Test
  void theReadmesTableIsTheModelsTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String table = RunFlagVocabulary.markdownTable();
    assertTrue(
        readme.contains(table),
        "README.md's run-flag table differs from RunFlags; replace it with:\n" + table);
  }

  @Test
  void everyFlagSaysWhatTheLabDoesWithIt() {
    assertTrue(
        RunFlagVocabulary.markdownTable().lines().skip(2).noneMatch(l -> l.endsWith("|  |")),
        RunFlagVocabulary.markdownTable());
  }

  @Test
  void theUnknownFlagMessageAndCompletionComeFromTheModel() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.containercodes.lab.InvalidInput.class,
            () -> new RunLineParser(null).parse("podman run --frobnicate cclab/busybox"));
    for (String flag : RunFlagVocabulary.spellings()) {
      assertTrue(e.fix().contains(flag), flag + " in " + e.fix());
    }
    assertTrue(
        RunFlagVocabulary.longNames()
            .containsAll(
                java.util.List.of(
                    "--name",
                    "--privileged",
                    "--pid",
                    "--ipc",
                    "--uts",
                    "--userns",
                    "--network-alias")));
  }

  /** A flag is either the lab's or refused with a reason, never both: the reason would be dead. */
  @Test
  void theRefusedFlagsAreNotInTheModel() {
    java.util.Set<String> modelled = new java.util.HashSet<>();
    RunFlagVocabulary.spellings()
        .forEach(s -> modelled.addAll(java.util.List.of(s.split("/", -1))));
    for (String refused : RunLineParser.UNSUPPORTED.keySet()) {
      org.junit.jupiter.api.Assertions.assertFalse(
          modelled.contains(refused), refused + " is both supported and refused");
    }
  }

  /** The typed flags an admitted run answers for are the model's flags, no more, no fewer. */
  @Test
  void lineFlagNamesEveryFlagOfTheModel() {
    assertEquals(
        new TreeSet<>(RunFlagVocabulary.longNames()),
        Arrays.stream(LineFlag.values())
            .map(LineFlag::longName)
            .collect(Collectors.toCollection(TreeSet::new)));
  }
}
