package io.containercodes.lab.runline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.props.Gen;
import io.containercodes.lab.props.Properties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A line the parser accepts, rendered back to a run line, parses to the same spec: the normal form
 * the lab can show says exactly what the learner's line said.
 */
class RunLineRoundTripTest {
  private final RunLineParser parser = new RunLineParser(Path.of("/lab/demos/round-trip"));

  /**
   * A parse costs picocli about a millisecond for a long line on this machine, so a few hundred
   * lines keep the property near a second.
   */
  @Test
  void aRenderedSpecParsesToTheSameSpec() {
    Properties.forAll(
        "a rendered spec parses to the same spec",
        300,
        RunLineArbitraries.lines(),
        parts -> {
          assumeTrue(RunLineArbitraries.isLine(parts)); // what shrinking may leave of a line
          roundTrip(CommandLineTokenizer.join(RunLineArbitraries.words(parts)));
        });
  }

  @Test
  void theGeneratorsCoverEveryFlagOfTheVocabulary() {
    assertEquals(
        new TreeSet<>(RunFlagVocabulary.longNames()),
        new TreeSet<>(RunLineArbitraries.perFlag().keySet()));
  }

  /**
   * Regression: the generator wrote -u' ' (a user of one space) and the property failed with "The
   * line names no image": picocli trims a short flag's attached value, so -u' ' is -u alone, which
   * took the image as its value. A blank value is now written -u=' ' or -u ' ', which the parser
   * reads as the engines do, and those lines round-trip.
   */
  @Test
  void aBlankValueIsNeverAttachedToAShortFlag() {
    InvalidInput e =
        assertThrows(
            InvalidInput.class,
            () -> parser.parse(List.of("podman", "run", "-u ", "cclab/busybox")));
    assertEquals("The line names no image.", e.getMessage());
    for (String blank : List.of(" ", "\t", "\u000f")) {
      Properties.forAll(
          "a blank user, spelled",
          20,
          RunLineArbitraries.spelled(List.of("-u", "--user"), Gen.constant(blank)),
          flag -> {
            List<String> words = new ArrayList<>(List.of("podman", "run"));
            words.addAll(flag);
            words.add("cclab/busybox");
            assertEquals(blank, parser.parse(words).spec().user(), flag.toString());
            roundTrip(CommandLineTokenizer.join(words));
          });
    }
  }

  private void roundTrip(String line) {
    RunSpec spec;
    try {
      spec = parser.parse(line).spec();
    } catch (InvalidInput e) {
      // the generator's fault, not the renderer's: a failure of its own kind
      throw new AssertionError("the generated line is refused: " + line, e);
    }
    String rendered = RunLineRenderer.line("podman", spec);
    assertEquals(spec, parser.parse(rendered).spec(), line + "\n  rendered as\n" + rendered);
    assertEquals(
        rendered, RunLineRenderer.line("podman", parser.parse(rendered).spec()), "normal form");
  }
}
