package io.containercodes.lab.runline;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The run-line flags as the rest of the lab needs them, derived from {@link RunFlags}'s picocli
 * model so that no hand-made copy can drift: the error for an unknown flag, Tab completion, and the
 * README's table (a test keeps that equal to {@link #markdownTable()}).
 */
public final class RunFlagVocabulary {
  private static final List<OptionSpec> OPTIONS =
      new CommandLine(new RunFlags())
          .getCommandSpec().options().stream().filter(o -> !o.hidden()).toList();

  private RunFlagVocabulary() {}

  /** Each flag as users write it, short and long spellings together: {@code -m/--memory}. */
  public static List<String> spellings() {
    return OPTIONS.stream().map(o -> String.join("/", sorted(o.names()))).toList();
  }

  /** The long spelling of each flag, for completion. */
  public static List<String> longNames() {
    return OPTIONS.stream().map(OptionSpec::longestName).toList();
  }

  /** The README's table of supported flags, one row per flag, in the model's order. */
  public static String markdownTable() {
    StringBuilder b = new StringBuilder("| flag | what the lab does with it |\n|---|---|\n");
    for (OptionSpec o : OPTIONS) {
      b.append("| `")
          .append(String.join("`, `", sorted(o.names())))
          .append("` | ")
          .append(String.join(" ", o.description()).replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }

  private static List<String> sorted(String[] names) {
    return Arrays.stream(names).sorted(Comparator.comparingInt(String::length)).toList();
  }
}
