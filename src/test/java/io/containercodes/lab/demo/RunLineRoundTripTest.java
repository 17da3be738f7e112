package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.engine.RunSpec;
import io.containercodes.lab.props.Properties;
import java.nio.file.Path;
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
