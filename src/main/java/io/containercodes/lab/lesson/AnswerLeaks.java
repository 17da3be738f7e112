package io.containercodes.lab.lesson;

import io.containercodes.lab.demo.Demo;
import io.containercodes.lab.runline.CommandLineTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An exercise must not hand out its answer before the learner tried (issue #25.10). Its prediction,
 * asked right before "write your line", names none of the flags the exercise asks for; and no hint
 * but the last gives the whole protective part of the solution away — the REPL shows the last one
 * only after a first attempt, as it does the solution.
 */
final class AnswerLeaks {
  private AnswerLeaks() {}

  static List<Linter.Problem> of(Demo demo) {
    List<Linter.Problem> problems = new ArrayList<>();
    if (!demo.isExercise()) {
      return problems;
    }
    prediction(demo, problems);
    hints(demo, problems);
    return problems;
  }

  private static void prediction(Demo demo, List<Linter.Problem> problems) {
    if (demo.prediction() == null) {
      return;
    }
    List<String> texts = new ArrayList<>(demo.prediction().choices());
    texts.add(0, demo.prediction().text());
    for (String flag : demo.without()) {
      Pattern named = Pattern.compile("(?<![\\w-])" + Pattern.quote(flag) + "(?![\\w-])");
      if (texts.stream().anyMatch(t -> named.matcher(t).find())) {
        problems.add(
            new Linter.Problem(
                demo.file(),
                demo.prediction().line(),
                "the prediction names "
                    + flag
                    + ", a flag the exercise asks the learner to find: it is asked right before"
                    + " they write their line; describe the protection, not its flag"));
      }
    }
  }

  private static void hints(Demo demo, List<Linter.Problem> problems) {
    List<String> answer = protectiveWords(demo);
    if (answer.isEmpty()) {
      return;
    }
    List<String> hints = demo.hints();
    for (int i = 0; i < hints.size() - 1; i++) {
      String hint = hints.get(i);
      if (answer.stream().allMatch(hint::contains)) {
        problems.add(
            new Linter.Problem(
                demo.file(),
                lineOf(demo, hint),
                "hint "
                    + (i + 1)
                    + " of "
                    + hints.size()
                    + " gives the whole answer away ("
                    + String.join(" ", answer)
                    + "): only the last hint may, and the REPL shows it after a first attempt"));
      }
    }
  }

  /**
   * The solution's protective part: each flag of {@code without} as its line writes it, with its
   * value ({@code --memory 100m}, {@code --network=none}).
   */
  static List<String> protectiveWords(Demo demo) {
    if (demo.steps().isEmpty()) {
      return List.of();
    }
    List<String> words;
    try {
      words = new CommandLineTokenizer(demo.directory()).split(demo.steps().get(0).run());
    } catch (RuntimeException e) {
      return List.of(); // a line that does not split is lint's problem elsewhere
    }
    List<String> answer = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      for (String flag : demo.without()) {
        if (w.equals(flag) || w.startsWith(flag + "=")) {
          answer.add(w);
          boolean valueFollows =
              w.equals(flag) && i + 1 < words.size() && !words.get(i + 1).startsWith("-");
          if (valueFollows && !words.get(i + 1).contains("/")) {
            answer.add(words.get(i + 1)); // a value, not the image
          }
        }
      }
    }
    return answer;
  }

  /** The file line a hint's text starts on; 0 when it cannot be found. */
  private static int lineOf(Demo demo, String text) {
    try {
      List<String> lines = Files.readAllLines(demo.file());
      String start = text.substring(0, Math.min(20, text.length()));
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(start)) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      // the location is a courtesy
    }
    return 0;
  }
}
