package io.containercodes.lab.lesson;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.Quote;
import io.containercodes.lab.content.Question;
import io.containercodes.lab.render.SafeText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a lesson's {@code ```quiz} block. Each question is a few lines, questions are separated by
 * a blank line, and on GitHub the block still reads as a plain list:
 *
 * <pre>
 * ? Which flag takes a container's network away completely?
 * - --network bridge
 * + --network none
 * - --cap-drop NET_RAW
 * &gt; --network none leaves only the loopback interface; a bridge is still a network.
 * </pre>
 *
 * {@code ?} the question, {@code -} a wrong choice, {@code +} the right one (exactly one), {@code
 * >} the explanation shown after the answer.
 */
final class QuizParser {
  private QuizParser() {}

  /**
   * @param firstLine the file line of the block's first content line
   */
  static List<Question> parse(
      List<String> lines, Path file, int firstLine, Consumer<ContentError> problems) {
    List<Question> questions = new ArrayList<>();
    List<String> group = new ArrayList<>();
    int groupLine = firstLine;
    int groups = 0;
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i).strip() : "";
      if (line.isEmpty()) {
        if (!group.isEmpty()) {
          groups++;
          Question q = question(group, file, groupLine, problems);
          if (q != null) {
            questions.add(q);
          }
          group.clear();
        }
        groupLine = firstLine + i + 1;
        continue;
      }
      group.add(line);
    }
    if (groups == 0) {
      problems.accept(
          new ContentError(
              file,
              firstLine,
              "a quiz block holds no question (write '? question', "
                  + "'- wrong', '+ right', '> why')"));
    }
    return questions;
  }

  private static Question question(
      List<String> lines, Path file, int at, Consumer<ContentError> problems) {
    String text = null;
    String why = null;
    List<String> choices = new ArrayList<>();
    int answer = -1;
    int rights = 0;
    for (int k = 0; k < lines.size(); k++) {
      String l = lines.get(k);
      String rest = l.length() > 1 ? l.substring(1).strip() : "";
      switch (l.charAt(0)) {
        case '?' -> text = join(text, rest);
        case '-' -> choices.add(SafeText.escapeLine(rest));
        case '+' -> {
          answer = choices.size();
          rights++;
          choices.add(SafeText.escapeLine(rest));
        }
        case '>' -> why = join(why, rest);
        default -> {
          problems.accept(
              new ContentError(
                  file,
                  at + k,
                  "a quiz line starts with ? (question), - (wrong choice), "
                      + "+ (right choice) or > (why), not '"
                      + Quote.input(l.charAt(0))
                      + "'"));
          return null;
        }
      }
    }
    String problem =
        text == null
            ? "a question needs its '? …' line"
            : choices.size() < 2
                ? "a question needs at least two choices"
                : rights != 1
                    ? (rights == 0
                        ? "a question needs its right answer, marked '+'"
                        : "a question has one right answer, not " + rights)
                    : why == null
                        ? "a question needs '> why': what the learner reads after answering"
                        : null;
    if (problem != null) {
      problems.accept(new ContentError(file, at, problem));
      return null;
    }
    return new Question(SafeText.escape(text), choices, answer, SafeText.escape(why), at);
  }

  private static String join(String a, String b) {
    return a == null ? b : a + " " + b;
  }
}
