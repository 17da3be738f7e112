package io.containercodes.lab.lesson;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.Quote;
import io.containercodes.lab.content.Question;
import io.containercodes.lab.content.TextFiles;
import io.containercodes.lab.content.YamlNode;
import io.containercodes.lab.render.SafeText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a lesson file: name, front matter, body, and the demo blocks it places. */
public final class LessonLoader {
  static final Pattern NAME = Pattern.compile("(\\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.md");
  private static final Pattern QUIZ_FENCE = Pattern.compile("^(```|~~~)\\s*quiz\\s*$");
  private static final Pattern DEMO_FENCE =
      Pattern.compile("^(```|~~~)\\s*demo(?:\\s+(\\S+))?\\s*$");
  private static final Set<String> KEYS = Set.of("title", "section", "minutes", "practice");

  public Lesson load(Path file) {
    return load(
        file,
        e -> {
          throw e;
        });
  }

  /**
   * The lesson as far as it could be read, with every problem of its front matter and demo blocks
   * handed to {@code problems} (so lint still sees the demos it places); null only when the file
   * cannot be read as a lesson at all.
   */
  public Lesson load(Path file, Consumer<ContentError> problems) {
    try {
      return read(file, problems);
    } catch (ContentError e) {
      problems.accept(e);
      return null;
    }
  }

  private Lesson read(Path file, Consumer<ContentError> problem) {
    Matcher name = NAME.matcher(file.getFileName().toString());
    if (!name.matches()) {
      throw new ContentError(
          file,
          0,
          "a lesson file is named NN-slug.md (two digits, lower-case words joined by '-')");
    }
    String text = TextFiles.read(file);
    List<String> lines = List.of(text.split("\n", -1));
    int end = frontMatterEnd(file, lines);
    YamlNode front = YamlNode.parse(String.join("\n", lines.subList(1, end)), file, 1);
    Map<String, YamlNode> m = front.map("the front matter");
    front.unknownKeys("the front matter", KEYS).forEach(problem);
    String title = required(front, m, "title", problem);
    String section = required(front, m, "section", problem);
    int minutes = minutes(m, required(front, m, "minutes", problem), problem);
    boolean practice =
        m.containsKey("practice") && m.get("practice").scalar("practice").equals("true");
    Blocks blocks = blocks(file, lines, end, problem);
    String body = String.join("\n", lines.subList(end + 1, lines.size()));
    // titles reach the terminal in many places (toc, prompts, the pager): made safe once, here
    return new Lesson(
        name.group(2),
        Integer.parseInt(name.group(1)),
        file,
        safe(title),
        safe(section),
        minutes,
        practice,
        body,
        end + 2,
        List.copyOf(blocks.demos()),
        blocks.quiz());
  }

  /** The index of the line that closes the front matter. */
  private static int frontMatterEnd(Path file, List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
      throw new ContentError(
          file,
          1,
          "a lesson starts with front matter between '---' lines (title, section, minutes)");
    }
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("---")) {
        return i;
      }
    }
    throw new ContentError(file, 1, "the front matter is not closed by a '---' line");
  }

  private static int minutes(
      Map<String, YamlNode> m, String minutesText, Consumer<ContentError> problem) {
    if (minutesText == null) {
      return 0;
    }
    try {
      int minutes = Integer.parseInt(minutesText);
      if (minutes < 1) {
        problem.accept(
            m.get("minutes").error("minutes is how long the section takes: a whole number from 1"));
      }
      return minutes;
    } catch (NumberFormatException e) {
      problem.accept(m.get("minutes").error("minutes must be a whole number"));
      return 0;
    }
  }

  /** The demo blocks a lesson places and its quiz questions, in order. */
  private record Blocks(List<Lesson.DemoRef> demos, List<Question> quiz) {}

  private static Blocks blocks(
      Path file, List<String> lines, int end, Consumer<ContentError> problem) {
    List<Lesson.DemoRef> demos = new ArrayList<>();
    List<Question> quiz = new ArrayList<>();
    boolean inFence = false;
    String fence = null;
    for (int i = end + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher d = DEMO_FENCE.matcher(line.strip());
      Matcher q = QUIZ_FENCE.matcher(line.strip());
      if (!inFence && q.matches()) {
        int close = i + 1;
        while (close < lines.size() && !lines.get(close).strip().equals(q.group(1))) {
          close++;
        }
        if (close >= lines.size()) {
          problem.accept(
              new ContentError(
                  file, i + 1, "the quiz block is not closed by a " + q.group(1) + " line"));
          break;
        }
        quiz.addAll(QuizParser.parse(lines.subList(i + 1, close), file, i + 2, problem));
        i = close;
      } else if (!inFence && d.matches()) {
        if (d.group(2) == null) {
          problem.accept(
              new ContentError(file, i + 1, "a demo block names its demo: ```demo memory-limit"));
        } else {
          demos.add(new Lesson.DemoRef(d.group(2), i + 1));
        }
        inFence = true;
        fence = d.group(1);
      } else if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
        String marker = line.strip().substring(0, 3);
        if (!inFence) {
          inFence = true;
          fence = marker;
        } else if (marker.equals(fence) && line.strip().length() == 3) {
          inFence = false;
        }
      }
    }
    return new Blocks(demos, quiz);
  }

  private static String safe(String text) {
    return text == null ? "" : SafeText.escapeLine(text);
  }

  private static String required(
      YamlNode at, Map<String, YamlNode> m, String key, Consumer<ContentError> problem) {
    YamlNode v = m.get(key);
    if (v == null) {
      problem.accept(at.error("missing '" + Quote.input(key) + "' in the front matter"));
      return null;
    }
    String s = v.scalar(key).strip();
    if (s.isEmpty()) {
      problem.accept(v.error("'" + Quote.input(key) + "' is empty"));
      return null;
    }
    return s;
  }
}
