package io.containercodes.lab.cli;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes one AsciiDoc man page per command at build time ({@code process-classes}), from the same
 * command tree {@link Main} runs. The tree is built in code, not from the root's annotation (only
 * the named command is built at run time, for start-up), so picocli's generator gets it here rather
 * than from a class name. picocli-codegen is a build-only ("provided") dependency: nothing of it is
 * in the lab's jar.
 *
 * <p>Arguments: the folder for the pages; optionally the file for the bash/zsh completion script,
 * the same text {@code cclab completion bash} prints, which the release archive carries.
 */
public final class ManPages {
  private ManPages() {}

  public static void main(String[] args) throws IOException {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    Main main = new Main(nowhere, nowhere, new ByteArrayInputStream(new byte[0]), Map.of());
    try (LabContext ctx =
        new LabContext(nowhere, nowhere, new ByteArrayInputStream(new byte[0]), Map.of())) {
      CommandLine commands = main.commands(ctx);
      int status =
          ManPageGenerator.generateManPage(
              new File(args[0]), null, new boolean[0], true, commands.getCommandSpec());
      if (status != 0) {
        throw new IOException("the man page generator failed with status " + status);
      }
      if (args.length > 1) {
        Path completion = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(completion.getParent());
        Files.writeString(completion, AutoComplete.bash("cclab", commands), StandardCharsets.UTF_8);
      }
    }
  }
}
