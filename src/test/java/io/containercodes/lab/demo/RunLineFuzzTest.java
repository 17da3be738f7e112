package io.containercodes.lab.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.containercodes.lab.InvalidInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a learner types, the parser answers with a spec or with the lab's own InvalidInput (a
 * sentence and a fix); no other exception reaches the learner as a stack trace.
 */
class RunLineFuzzTest {
  /** Every spelling of every flag, the lab's and those it refuses with a reason. */
  private static final List<String> FLAG_NAMES =
      Stream.concat(
              RunFlagVocabulary.spellings().stream().flatMap(s -> Stream.of(s.split("/", -1))),
              RunLineParser.UNSUPPORTED.keySet().stream())
          .toList();

  /** Values at the edges of what the flags' grammars take. */
  private static final List<String> AWKWARD_VALUES =
      List.of(
          "",
          "0",
          "-1",
          "-2",
          "1e400",
          "1e-400",
          "NaN",
          "Infinity",
          "0x10",
          "ib",
          "kib",
          "b",
          "m",
          "1.5",
          "9999999999999999999",
          "/",
          "//",
          ":",
          "::",
          ":::",
          ",",
          "=",
          "==",
          "[",
          "[]:",
          "[::1]",
          "a/b/c",
          "type=bind",
          "type=tmpfs",
          "type=bind,src=/a",
          "target=",
          "ro",
          "ALL",
          "CAP_",
          "host",
          "ns:",
          "/dev/x:",
          "/a:/b:",
          "/a:/b:ro:z",
          "nofile=",
          "nofile=1:",
          "=1",
          "seccomp=",
          "label:",
          "on-failure:",
          "true",
          "\0",
          "/\0",
          "é",
          "@",
          "--",
          "-");

  private final RunLineParser parser = new RunLineParser(Path.of("/lab/demos/fuzz"));

  @Property
  void anyTextIsASpecOrAnInvalidInput(@ForAll("anyText") String line) {
    parsesOrRefuses(line);
  }

  @Property(tries = 300)
  void anyWordsAfterPodmanRunAreASpecOrAnInvalidInput(@ForAll("runLineWords") List<String> words) {
    List<String> line = new ArrayList<>(List.of("podman", "run"));
    line.addAll(words);
    parsesOrRefuses(CommandLineTokenizer.join(line));
  }

  /** Every flag with every awkward value, both spellings: chance would rarely pair them. */
  @Example
  void everyFlagWithEveryAwkwardValueIsASpecOrAnInvalidInput() {
    for (String flag : FLAG_NAMES) {
      for (String value : AWKWARD_VALUES) {
        parsesOrRefuses(CommandLineTokenizer.join(List.of("podman", "run", flag, value, "img")));
        parsesOrRefuses(CommandLineTokenizer.join(List.of("podman", "run", flag + "=" + value)));
      }
    }
  }

  /** picocli looks for a near spelling of each unknown flag, which costs milliseconds. */
  @Property(tries = 100)
  void anUnknownFlagIsNamedInTheError(
      @ForAll("unknownFlags") String flag, @ForAll boolean withValue) {
    String word = withValue ? flag + "=1" : flag;
    try {
      parser.parse(List.of("podman", "run", "--rm", word, "cclab/busybox"));
      fail(word + " was accepted");
    } catch (InvalidInput e) {
      assertTrue(e.getMessage().contains(flag), e.getMessage());
    }
  }

  private void parsesOrRefuses(String line) {
    try {
      parser.parse(line);
    } catch (InvalidInput expected) {
      // the lab's own refusal, with its sentence: what this property allows
    } catch (RuntimeException e) {
      throw new AssertionError("'" + line + "' threw " + e, e);
    }
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().ofMaxLength(40).map(s -> "podman run " + s),
        Arbitraries.strings()
            .withChars("podmanrun -=:,/'\"\\$()@#|&;<>`\n\t0123456789ekmgvp")
            .ofMaxLength(40)
            .map(s -> "podman run " + s));
  }

  /** Words dense in the vocabulary's flags, with valid-looking and arbitrary values. */
  @Provide
  Arbitrary<List<String>> runLineWords() {
    Arbitrary<String> flag = Arbitraries.of(FLAG_NAMES);
    Arbitrary<String> value =
        Arbitraries.oneOf(
            RunLineArbitraries.text(),
            RunLineArbitraries.absolutePath(),
            Arbitraries.of(AWKWARD_VALUES));
    Arbitrary<List<String>> fragment =
        Arbitraries.oneOf(
            flag.map(List::of),
            value.map(List::of),
            flag.flatMap(f -> value.map(v -> List.of(f, v))),
            flag.flatMap(f -> value.map(v -> List.of(f + "=" + v))),
            flag.flatMap(f -> value.map(v -> List.of(f + v))));
    return fragment.list().ofMaxSize(6).map(l -> l.stream().flatMap(List::stream).toList());
  }

  @Provide
  Arbitrary<String> unknownFlags() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars("-0123456789")
        .ofMinLength(1)
        .ofMaxLength(16)
        .map(s -> "--" + s)
        .filter(f -> !FLAG_NAMES.contains(f));
  }
}
