package io.containercodes.lab.content;

import io.containercodes.lab.ContentError;
import io.containercodes.lab.Quote;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers its file and line, so every complaint about lesson and demo files
 * reads {@code demos/memory-limit/demo.yaml:7: …}. Built on SnakeYAML's composed node tree, which
 * keeps positions (a plain load would lose them).
 */
public final class YamlNode {
  private final Node node;
  private final Path file;
  private final int lineOffset;

  private YamlNode(Node node, Path file, int lineOffset) {
    this.node = node;
    this.file = file;
    this.lineOffset = lineOffset;
  }

  public static YamlNode parse(Path file) {
    return parse(TextFiles.read(file), file, 0);
  }

  /** Parses text that starts {@code lineOffset} lines into {@code file} (front matter). */
  public static YamlNode parse(String text, Path file, int lineOffset) {
    try {
      Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
      if (root == null) {
        throw new ContentError(file, lineOffset + 1, "is empty");
      }
      return new YamlNode(root, file, lineOffset);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1 + lineOffset;
      throw new ContentError(file, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new ContentError(file, lineOffset + 1, "not valid YAML: " + e.getMessage());
    }
  }

  public Path file() {
    return file;
  }

  /** 1-based line in the file. */
  public int line() {
    return node.getStartMark().getLine() + 1 + lineOffset;
  }

  public ContentError error(String message) {
    return new ContentError(file, line(), message);
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  public String scalar(String what) {
    if (!(node instanceof ScalarNode s)) {
      throw error(what + " must be a single value");
    }
    return s.getValue();
  }

  public List<YamlNode> list(String what) {
    if (!(node instanceof SequenceNode s)) {
      throw error(what + " must be a list");
    }
    List<YamlNode> items = new ArrayList<>();
    for (Node n : s.getValue()) {
      items.add(new YamlNode(n, file, lineOffset));
    }
    return items;
  }

  /** A list, or a single value read as a list of one. */
  public List<YamlNode> listOrOne(String what) {
    return isList() ? list(what) : List.of(this);
  }

  /** The mapping's entries in file order; a repeated key is an error. */
  public Map<String, YamlNode> map(String what) {
    if (!(node instanceof MappingNode m)) {
      throw error(what + " must be a mapping of keys to values");
    }
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      YamlNode key = new YamlNode(t.getKeyNode(), file, lineOffset);
      String k = key.scalar("a key");
      if (entries.containsKey(k)) {
        throw key.error("'" + Quote.input(k) + "' appears twice");
      }
      entries.put(k, new YamlNode(t.getValueNode(), file, lineOffset));
    }
    return entries;
  }

  /** The mapping, rejecting keys outside {@code allowed} with the list of what is allowed. */
  public Map<String, YamlNode> map(String what, Set<String> allowed) {
    Map<String, YamlNode> entries = map(what);
    List<ContentError> unknown = unknownKeys(what, allowed);
    if (!unknown.isEmpty()) {
      throw unknown.get(0);
    }
    return entries;
  }

  /**
   * One error per key outside {@code allowed}, each at its own line: lint reports them all at once.
   */
  public List<ContentError> unknownKeys(String what, Set<String> allowed) {
    List<ContentError> errors = new ArrayList<>();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        YamlNode key = new YamlNode(t.getKeyNode(), file, lineOffset);
        if (!allowed.contains(key.scalar("a key"))) {
          errors.add(
              key.error(
                  "unknown key '"
                      + key.scalar("a key")
                      + "' in "
                      + what
                      + " (known: "
                      + String.join(", ", allowed.stream().sorted().toList())
                      + ")"));
        }
      }
    }
    return errors;
  }
}
