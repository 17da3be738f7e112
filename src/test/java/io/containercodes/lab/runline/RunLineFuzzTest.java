package io.containercodes.lab.runline;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.props.Gen;
import io.containercodes.lab.props.Properties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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

  @Test
  void anyTextIsASpecOrAnInvalidInput() {
    Gen<String> anyText =
        Gen.oneOf(
            Gen.strings(Gen.anyChar(), 0, 40),
            Gen.strings(Gen.anyChar(), 0, 40).map(s -> "podman run " + s),
            Gen.strings("podmanrun -=:,/'\"\\$()@#|&;<>`\n\t0123456789ekmgvp", 0, 40)
                .map(s -> "podman run " + s));
    Properties.forAll(
        "any text is a spec or an InvalidInput", 1000, anyText, this::parsesOrRefuses);
  }

  @Test
  void anyWordsAfterPodmanRunAreASpecOrAnInvalidInput() {
    Properties.forAll(
        "any words after podman run are a spec or an InvalidInput",
        300,
        runLineWords(),
        words -> {
          List<String> line = new ArrayList<>(List.of("podman", "run"));
          line.addAll(words);
          parsesOrRefuses(CommandLineTokenizer.join(line));
        });
  }

  /** Every flag with every awkward value, both spellings: chance would rarely pair them. */
  @Test
  void everyFlagWithEveryAwkwardValueIsASpecOrAnInvalidInput() {
    for (String flag : FLAG_NAMES) {
      for (String value : AWKWARD_VALUES) {
        parsesOrRefuses(CommandLineTokenizer.join(List.of("podman", "run", flag, value, "img")));
        parsesOrRefuses(CommandLineTokenizer.join(List.of("podman", "run", flag + "=" + value)));
      }
    }
  }

  record UnknownFlag(String flag, boolean withValue) {}

  /** picocli looks for a near spelling of each unknown flag, which costs milliseconds. */
  @Test
  void anUnknownFlagIsNamedInTheError() {
    Gen<String> flags =
        Gen.strings("abcdefghijklmnopqrstuvwxyz-0123456789", 1, 16)
            .map(s -> "--" + s)
            .filter(f -> !FLAG_NAMES.contains(f));
    Properties.forAll(
        "an unknown flag is named in the error",
        100,
        r -> new UnknownFlag(flags.next(r), r.nextBoolean()),
        u -> {
          String word = u.withValue() ? u.flag() + "=1" : u.flag();
          try {
            parser.parse(List.of("podman", "run", "--rm", word, "cclab/busybox"));
            fail(word + " was accepted");
          } catch (InvalidInput e) {
            assertTrue(e.getMessage().contains(u.flag()), e.getMessage());
          }
        });
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

  /** Words dense in the vocabulary's flags, with valid-looking and arbitrary values. */
  private static Gen<List<String>> runLineWords() {
    Gen<String> flag = Gen.of(FLAG_NAMES);
    Gen<String> value =
        Gen.oneOf(
            RunLineArbitraries.text(), RunLineArbitraries.absolutePath(), Gen.of(AWKWARD_VALUES));
    Gen<List<String>> fragment =
        Gen.oneOf(
            flag.map(List::of),
            value.map(List::of),
            r -> List.of(flag.next(r), value.next(r)),
            r -> List.of(flag.next(r) + "=" + value.next(r)),
            r -> List.of(flag.next(r) + value.next(r)));
    return fragment.list(0, 6).map(l -> l.stream().flatMap(List::stream).toList());
  }
}
