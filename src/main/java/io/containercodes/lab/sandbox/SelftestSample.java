package io.containercodes.lab.sandbox;

import io.containercodes.lab.sandbox.SandboxReport.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sample of the detector's corpus ({@code selftest/} beside this class), with what the report
 * on it must say, written in its own comments:
 *
 * <pre>
 * # selftest: expect: RULE TITLE [@ TARGET PART] [= RESULT]   a finding of that rule
 * # selftest: quiet                     no finding at all, and a complete trace
 * # selftest: complete                  the trace covers the program to its end
 * # selftest: left: PATH / not-left: PATH   in (or not in) the files left in scratch space
 * # selftest: workspace-link: PATH      a link it left in the workspace
 * # selftest: verdict-not: TEXT         the verdict does not say TEXT
 * # selftest: workspace: ro|rw|wheel    a workspace (wheel: read-only, holding a local wheel)
 * # selftest: network: canary           on the canary's network
 * # selftest: timeout: SECONDS
 * </pre>
 *
 * C samples ({@code .c}, comments with {@code //}) are built into static musl programs.
 */
record SelftestSample(
    String name,
    String source,
    List<Expectation> expected,
    boolean quiet,
    boolean complete,
    List<String> left,
    List<String> notLeft,
    List<String> workspaceLinks,
    List<String> verdictNot,
    String workspace,
    boolean canary,
    int timeoutSeconds) {

  private static final Pattern DIRECTIVE =
      Pattern.compile("^\\s*(?:#|//)\\s*selftest:\\s*([a-z-]+)(?::\\s*(.*))?$");
  private static final Pattern EXPECT =
      Pattern.compile("^(.+?)(?:\\s+@\\s+(.+?))?(?:\\s+=\\s+(blocked|allowed|unknown))?$");

  /** A finding the report must hold: this rule, a target containing this, with this result. */
  record Expectation(String rule, String target, String result) {
    boolean metBy(List<Finding> findings) {
      return findings.stream()
          .anyMatch(
              f ->
                  rule.equals(f.rule())
                      && (target == null || f.target().contains(target))
                      && (result == null || result.equals(f.result())));
    }

    @Override
    public String toString() {
      return rule + (target == null ? "" : " @ " + target) + (result == null ? "" : " = " + result);
    }
  }

  /** A C sample, built into a static program before it runs. */
  boolean compiled() {
    return name.endsWith(".c");
  }

  /** The corpus, in the order of its index. */
  static List<SelftestSample> corpus() {
    List<SelftestSample> all = new ArrayList<>();
    for (String line : resource("index.txt").split("\n", -1)) {
      if (!line.isBlank()) {
        all.add(parse(line.strip(), resource(line.strip())));
      }
    }
    return all;
  }

  private static String resource(String name) {
    try (InputStream in = SelftestSample.class.getResourceAsStream("selftest/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the selftest corpus has no " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SelftestSample parse(String name, String source) {
    Builder b = new Builder();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = DIRECTIVE.matcher(lines[i]);
      if (m.matches()) {
        b.take(m.group(1), m.group(2) == null ? "" : m.group(2).strip(), name + ":" + (i + 1));
      }
    }
    if (b.expected.isEmpty() && !b.quiet) {
      throw new IllegalStateException(name + " expects nothing and is not quiet");
    }
    return new SelftestSample(
        name,
        source,
        List.copyOf(b.expected),
        b.quiet,
        b.complete || b.quiet,
        List.copyOf(b.left),
        List.copyOf(b.notLeft),
        List.copyOf(b.links),
        List.copyOf(b.verdictNot),
        b.workspace,
        b.canary,
        b.timeout);
  }

  /** The directives of one sample as they are read. */
  private static final class Builder {
    private final List<Expectation> expected = new ArrayList<>();
    private final List<String> left = new ArrayList<>();
    private final List<String> notLeft = new ArrayList<>();
    private final List<String> links = new ArrayList<>();
    private final List<String> verdictNot = new ArrayList<>();
    private boolean quiet;
    private boolean complete;
    private String workspace;
    private boolean canary;
    private int timeout = 60;

    void take(String key, String value, String where) {
      switch (key) {
        case "expect" -> expected.add(expectation(value, where));
        case "quiet" -> quiet = true;
        case "complete" -> complete = true;
        case "left" -> left.add(value);
        case "not-left" -> notLeft.add(value);
        case "workspace-link" -> links.add(value);
        case "verdict-not" -> verdictNot.add(value);
        case "workspace" -> workspace = value;
        case "network" -> canary = value.equals("canary");
        case "timeout" -> timeout = Integer.parseInt(value);
        default -> throw new IllegalStateException(where + ": unknown selftest directive " + key);
      }
    }

    private static Expectation expectation(String value, String where) {
      Matcher m = EXPECT.matcher(value);
      if (!m.matches() || Rule.titled(m.group(1).strip()) == null) {
        throw new IllegalStateException(where + ": no rule is named " + value);
      }
      return new Expectation(m.group(1).strip(), m.group(2), m.group(3));
    }
  }
}
