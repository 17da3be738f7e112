package io.containercodes.lab.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.InvalidInput;
import io.containercodes.lab.Quote;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.host.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * All lab images in one file, for rooms without a registry: a tar holding {@code cclab-bundle.json}
 * (format, date, and per image its name, reference, file, size and SHA-256) followed by one
 * docker-archive per image. Loading verifies every digest before loading anything, so a corrupt or
 * truncated bundle changes nothing on the engine.
 */
public final class ImageBundle {
  static final String MANIFEST = "cclab-bundle.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One image in the bundle. */
  public record Item(String name, String reference, String file, long size, String sha256) {}

  /** The bundle's table of contents. */
  public record Manifest(int format, String created, List<Item> images) {}

  private final Engine engine;
  private final Consumer<String> progress;

  public ImageBundle(Engine engine, Consumer<String> progress) {
    this.engine = engine;
    this.progress = progress;
  }

  /** Saves the given catalog images (all must be present) to {@code file}, atomically. */
  public Manifest save(List<ImageCatalog.Entry> entries, Path file) throws IOException {
    Path work = Files.createTempDirectory(tempBase(file), "cclab-bundle-");
    try {
      List<Item> items = new ArrayList<>();
      for (ImageCatalog.Entry e : entries) {
        items.add(saveOne(e, work));
      }
      Manifest manifest = new Manifest(1, Instant.now().toString(), items);
      Path tmp = file.resolveSibling(file.getFileName() + ".part");
      writeBundle(tmp, manifest, work);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return manifest;
    } finally {
      FileTrees.delete(work);
    }
  }

  /** One image saved into {@code work}, with its size and digest. */
  private Item saveOne(ImageCatalog.Entry e, Path work) throws IOException {
    if (engine.inspectImage(e.reference()).isEmpty()) {
      throw new EnvironmentProblem(
          e.name() + " is not on this engine, so it cannot be saved.",
          "Run 'cclab images prepare' first.");
    }
    String fileName = "images/" + e.name().replace('/', '-') + ".tar";
    Path part = work.resolve(e.name().replace('/', '-') + ".tar");
    progress.accept("Saving " + e.name() + "…");
    MessageDigest md = sha256();
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), md)) {
      engine.saveImage(e.reference(), out);
    }
    return new Item(
        e.name(), e.reference(), fileName, Files.size(part), HexFormat.of().formatHex(md.digest()));
  }

  /** The manifest first, then each saved image, as one tar. */
  private static void writeBundle(Path tmp, Manifest manifest, Path work) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(tmp))) {
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      byte[] m = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
      TarArchiveEntry me = new TarArchiveEntry(MANIFEST);
      me.setSize(m.length);
      tar.putArchiveEntry(me);
      tar.write(m);
      tar.closeArchiveEntry();
      for (Item item : manifest.images()) {
        Path part = work.resolve(item.file().substring("images/".length()));
        TarArchiveEntry te = new TarArchiveEntry(item.file());
        te.setSize(Files.size(part));
        tar.putArchiveEntry(te);
        Files.copy(part, tar);
        tar.closeArchiveEntry();
      }
    }
  }

  /** What a bundle held, extracted into a work directory: its manifest and each part's digest. */
  private record Extracted(
      Manifest manifest, Map<String, Path> parts, Map<String, String> digests) {}

  /**
   * Verifies the bundle completely, then loads its images. If a load fails part way, the images
   * this call already loaded are removed again.
   */
  public Manifest load(Path file, LabImages images) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInput(
          Quote.input(file) + " does not exist.",
          "Give the path of a file written by 'cclab images save'.");
    }
    Path work = Files.createTempDirectory(tempBase(file), "cclab-bundle-");
    try {
      Extracted bundle = extract(file, work);
      verify(file, bundle);
      loadAll(file, bundle, images);
      return bundle.manifest();
    } finally {
      FileTrees.delete(work);
    }
  }

  private static Extracted extract(Path file, Path work) {
    Manifest manifest = null;
    Map<String, Path> extracted = new LinkedHashMap<>();
    Map<String, String> digests = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(file))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.getName().equals(MANIFEST)) {
          manifest =
              JSON.readValue(
                  new String(tar.readAllBytes(), StandardCharsets.UTF_8), Manifest.class);
        } else if (e.getName().startsWith("images/") && !e.getName().contains("..")) {
          Path part = work.resolve(e.getName().substring("images/".length()).replace('/', '_'));
          MessageDigest md = sha256();
          try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), md)) {
            tar.transferTo(out);
          }
          extracted.put(e.getName(), part);
          digests.put(e.getName(), HexFormat.of().formatHex(md.digest()));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw corrupt(file, "it cannot be read as a bundle (" + e.getMessage() + ")");
    }
    if (manifest == null) {
      throw corrupt(file, "it has no " + MANIFEST);
    }
    return new Extracted(manifest, extracted, digests);
  }

  /** Every image the manifest names is there, whole, with its digest, and a lab image. */
  private static void verify(Path file, Extracted bundle) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Item item : bundle.manifest().images()) {
      Path part = bundle.parts().get(item.file());
      if (part == null) {
        problems.add(item.name() + ": missing from the bundle (truncated?)");
      } else if (Files.size(part) != item.size()) {
        problems.add(
            item.name()
                + ": "
                + Files.size(part)
                + " bytes instead of "
                + item.size()
                + " (truncated?)");
      } else if (!bundle.digests().get(item.file()).equals(item.sha256())) {
        problems.add(
            item.name()
                + ": SHA-256 "
                + bundle.digests().get(item.file())
                + " does not match "
                + item.sha256());
      } else if (ImageCatalog.find(item.name()).isEmpty()) {
        problems.add(item.name() + ": not a lab image");
      }
    }
    if (!problems.isEmpty()) {
      throw corrupt(file, String.join("; ", problems));
    }
  }

  /** Loads every image; on a failure, removes those this call loaded. */
  private void loadAll(Path file, Extracted bundle, LabImages images) {
    List<String> loaded = new ArrayList<>();
    try {
      for (Item item : bundle.manifest().images()) {
        boolean existed = engine.inspectImage(item.reference()).isPresent();
        progress.accept(
            "Loading " + item.name() + " (" + item.size() / (1 << 20) + " MiB, digest verified)…");
        try (InputStream in = Files.newInputStream(bundle.parts().get(item.file()))) {
          engine.loadImage(in);
        }
        if (!existed) {
          loaded.add(item.reference());
        }
        engine.inspectImage(item.reference()).ifPresent(d -> images.recordLoaded(d.id()));
      }
    } catch (RuntimeException | IOException e) {
      loaded.forEach(engine::removeImage);
      throw new EnvironmentProblem(
          "Loading "
              + Quote.input(file)
              + " failed part way; the images it had loaded were removed: "
              + e.getMessage(),
          null,
          e);
    }
  }

  private static EnvironmentProblem corrupt(Path file, String why) {
    return new EnvironmentProblem(
        Quote.input(file) + " is not a usable image bundle: " + why + ". Nothing was loaded.",
        "Copy the bundle again (compare its size and 'sha256sum'), or save a new one with 'cclab"
            + " images save FILE'.");
  }

  private static Path tempBase(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent != null && Files.isWritable(parent)
        ? parent
        : Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
