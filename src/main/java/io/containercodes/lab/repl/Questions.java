package io.containercodes.lab.repl;

import io.containercodes.lab.render.Style;
import java.util.List;
import java.util.Optional;

/** A numbered multiple-choice question, as the predictions and the quizzes ask it. */
final class Questions {
  private final Screen screen;
  private final LineInput input;

  Questions(Screen screen, LineInput input) {
    this.screen = screen;
    this.input = input;
  }

  /**
   * Asks until the learner types one of the numbers; the number, or null when they press Enter (or
   * Ctrl-C, Ctrl-D) to skip.
   */
  Integer ask(String heading, String question, List<String> choices) {
    screen.say(heading, " ".repeat(Style.width(heading)), question);
    for (int i = 0; i < choices.size(); i++) {
      String number = "  " + (i + 1) + ". ";
      screen.say(number, " ".repeat(number.length()), choices.get(i));
    }
    String prompt = "your answer (1–" + choices.size() + ", Enter skips) › ";
    while (true) {
      Optional<String> answer = input.line(prompt);
      if (answer.isEmpty()) {
        return null;
      }
      Integer n = number(answer.get(), choices.size());
      if (n != null) {
        return n;
      }
      screen.say("Type a number from 1 to " + choices.size() + ", or press Enter to skip.");
    }
  }

  private static Integer number(String answer, int choices) {
    try {
      int n = Integer.parseInt(answer);
      return n >= 1 && n <= choices ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
