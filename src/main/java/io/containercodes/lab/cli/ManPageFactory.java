package io.containercodes.lab.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;
import picocli.CommandLine;

/**
 * Lets picocli's ManPageGenerator build the command tree at build time ({@code --factory}):
 * the root command needs a {@link LabContext}, which here has no streams and no environment,
 * and is never used — the generator only reads the commands' annotations.
 */
public final class ManPageFactory implements CommandLine.IFactory {
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    if (cls == CclabCommand.class) {
      PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
      return cls.cast(new CclabCommand(new LabContext(nowhere, nowhere, new ByteArrayInputStream(new byte[0]), Map.of())));
    }
    return fallback.create(cls);
  }
}
