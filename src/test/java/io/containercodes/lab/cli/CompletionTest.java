package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: 'cclab completion bash|zsh' prints picocli's script, and bash really completes with it.
 */
class CompletionTest {
  @TempDir Path dir;

  /** What bash offers for the words typed so far (the last one is being completed). */
  private List<String> complete(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append('\'').append(w).append("' ");
    }
    // compopt works only under real completion; outside it, a no-op
    String program =
        "source '"
            + script
            + "'; compopt() { :; }; COMP_WORDS=("
            + array
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE='"
            + line
            + "'; COMP_POINT=${#COMP_LINE}; _complete_cclab; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process p =
        new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void bashCompletesCommandsSubcommandsAndOptions() throws Exception {
    MainTest.Result r = MainTest.run("completion", "bash");
    assertEquals(ExitCode.OK, r.status(), r.err());
    Path script = Files.writeString(dir.resolve("cclab.bash"), r.out());
    assertEquals(List.of("report"), complete(script, "cclab", "rep"));
    assertTrue(complete(script, "cclab", "report", "--h").containsAll(List.of("--html", "--help")));
    assertEquals(List.of("prepare"), complete(script, "cclab", "images", "prep"));
    assertTrue(complete(script, "cclab", "completion", "").containsAll(List.of("bash", "zsh")));
  }

  @Test
  void zshGetsTheSameScriptWhichLoadsBashcompinitItself() {
    MainTest.Result zsh = MainTest.run("completion", "zsh");
    assertEquals(ExitCode.OK, zsh.status(), zsh.err());
    assertTrue(zsh.out().contains("elif [ -n \"$ZSH_VERSION\" ]"), "the zsh branch");
    assertTrue(
        zsh.out().contains("bashcompinit"), "zsh runs bash completions through bashcompinit");
    assertEquals(MainTest.run("completion", "bash").out(), zsh.out());
    MainTest.Result fish = MainTest.run("completion", "fish");
    assertEquals(ExitCode.USAGE, fish.status());
    assertTrue(fish.err().contains("fish"), fish.err());
  }
}
