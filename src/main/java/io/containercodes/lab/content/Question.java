package io.containercodes.lab.content;

import java.util.List;

/**
 * A multiple-choice question: a lesson's quiz item, or a demo's prediction. {@code answer} is the
 * index of the right choice; {@code why} is what the learner reads after answering, right or not.
 * {@code line} is where it is written (file line), for lint.
 */
public record Question(String text, List<String> choices, int answer, String why, int line) {
  public Question {
    choices = List.copyOf(choices);
  }

  /** 1-based, as the learner types it. */
  public boolean isRight(int chosen) {
    return chosen - 1 == answer;
  }
}
