package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.containercodes.lab.engine.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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
  @Property(tries = 300)
  void aRenderedSpecParsesToTheSameSpec(@ForAll("lines") List<String> words) {
    String line = CommandLineTokenizer.join(words);
    RunSpec spec = parser.parse(line).spec();
    String rendered = RunLineRenderer.line("podman", spec);
    assertEquals(spec, parser.parse(rendered).spec(), line + "\n  rendered as\n" + rendered);
    assertEquals(
        rendered, RunLineRenderer.line("podman", parser.parse(rendered).spec()), "normal form");
  }

  @Example
  void theGeneratorsCoverEveryFlagOfTheVocabulary() {
    assertEquals(
        new TreeSet<>(RunFlagVocabulary.longNames()),
        new TreeSet<>(RunLineArbitraries.perFlag().keySet()));
  }

  @Provide
  Arbitrary<List<String>> lines() {
    return RunLineArbitraries.lines();
  }
}
