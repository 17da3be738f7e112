package io.containercodes.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 12.9: help for every command of the picocli model, whichever way it is asked for. */
class HelpTest {
  /**
   * Every command path of the model ("try", "images prepare", …), found by walking it, not listed
   * by hand.
   */
  static List<List<String>> everyCommand() {
    Main main =
        new Main(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            new ByteArrayInputStream(new byte[0]),
            Map.of());
    List<List<String>> paths = new ArrayList<>();
    try (LabContext ctx =
        new LabContext(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            new ByteArrayInputStream(new byte[0]),
            Map.of())) {
      walk(main.commands(ctx), List.of(), paths);
    }
    return paths;
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> paths) {
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!sub.getCommandName().equals(name)) {
                return; // an alias of a command already walked
              }
              List<String> p = new ArrayList<>(path);
              p.add(name);
              paths.add(p);
              walk(sub, p, paths);
            });
  }

  @Test
  void theModelHasTheCommandsThisTestMustCover() {
    List<String> names = everyCommand().stream().map(p -> String.join(" ", p)).toList();
    for (String expected :
        List.of(
            "try",
            "run",
            "verify",
            "report",
            "clean",
            "images prepare",
            "progress reset",
            "sandbox run",
            "audit",
            "challenge",
            "help")) {
      assertTrue(names.contains(expected), expected + " in " + names);
    }
  }

  @Test
  void dashDashHelpExitsZeroWithUsageForEveryCommand() {
    for (List<String> path : everyCommand()) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      MainTest.Result r = MainTest.run(args.toArray(String[]::new));
      String what = String.join(" ", args) + " → " + r.status() + "\n" + r.out() + r.err();
      assertEquals(ExitCode.OK, r.status(), what);
      assertTrue(r.out().contains("Usage: cclab " + String.join(" ", path) + " "), what);
      assertFalse(r.err().contains("Unknown option") || r.err().contains("Missing"), what);
      assertTrue(r.err().isEmpty(), what);
      MainTest.Result shortForm =
          MainTest.run(
              path.toArray(String[]::new)[0].equals("help")
                  ? new String[] {"help", "-h"}
                  : concat(path, "-h"));
      assertEquals(
          ExitCode.OK, shortForm.status(), String.join(" ", path) + " -h\n" + shortForm.err());
    }
  }

  @Test
  void helpCommandExitsZeroWithUsageForEveryCommand() {
    for (List<String> path : everyCommand()) {
      if (path.get(path.size() - 1).equals("help")) {
        continue;
      }
      // "cclab help images", and for a subcommand "cclab images help prepare"
      List<String> args = new ArrayList<>(path.subList(0, path.size() - 1));
      args.add("help");
      args.add(path.get(path.size() - 1));
      MainTest.Result r = MainTest.run(args.toArray(String[]::new));
      String what = String.join(" ", args) + " → " + r.status() + "\n" + r.out() + r.err();
      assertEquals(ExitCode.OK, r.status(), what);
      assertTrue(r.out().contains("Usage: cclab " + String.join(" ", path) + " "), what);
    }
  }

  @Test
  void helpFollowsAWholePathFromTheTop() {
    MainTest.Result r = MainTest.run("help", "images", "prepare");
    assertEquals(ExitCode.OK, r.status(), r.err());
    assertTrue(r.out().startsWith("Usage: cclab images prepare "), r.out());
    MainTest.Result unknown = MainTest.run("help", "images", "fly");
    assertEquals(ExitCode.USAGE, unknown.status());
    assertTrue(unknown.err().contains("Unknown command 'fly'"), unknown.err());
  }

  private static String[] concat(List<String> path, String last) {
    List<String> all = new ArrayList<>(path);
    all.add(last);
    return all.toArray(String[]::new);
  }

  /** The root help's footer is where scripts look up statuses: every ExitCode is in it. */
  @Test
  void theRootFooterListsEveryExitCode() throws IllegalAccessException {
    String help = MainTest.run("--help").out().replaceAll("\\s+", " ");
    for (java.lang.reflect.Field f : ExitCode.class.getFields()) {
      int code = f.getInt(null);
      assertTrue(help.matches("(?s).*[ :,]" + code + " [a-z].*"), f.getName() + " in " + help);
    }
  }

  /**
   * Issue #25.6: help is never cut. A command list shows only the first element of each
   * description, so that element is a whole sentence; footers and descriptions are paragraphs, each
   * wrapped by picocli (a line broken by hand broke again at picocli's width: the root footer).
   */
  @Test
  void everyDescriptionAndFooterElementIsAWholeParagraph() {
    for (List<String> path : everyCommand()) {
      MainTest.Result r = MainTest.run(concat(path, "--help"));
      String what = String.join(" ", path);
      for (String line : r.out().split("\n")) {
        assertTrue(line.length() <= 80, what + ": a line over 80 columns: " + line);
      }
    }
    Main main =
        new Main(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            new ByteArrayInputStream(new byte[0]),
            Map.of());
    try (LabContext ctx =
        new LabContext(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            new ByteArrayInputStream(new byte[0]),
            Map.of())) {
      paragraphs(main.commands(ctx));
    }
  }

  private static void paragraphs(CommandLine cl) {
    CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
    List<String> texts = new ArrayList<>(List.of(usage.description()));
    texts.addAll(List.of(usage.footer()));
    for (String t : texts) {
      String s = t.strip();
      boolean whole = s.isEmpty() || s.matches("(?s).*[.:)!?]") || s.startsWith("Example");
      assertTrue(whole, cl.getCommandName() + ": ends mid-sentence: \"" + t + "\"");
    }
    cl.getSubcommands().values().forEach(HelpTest::paragraphs);
  }
}
