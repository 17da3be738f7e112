package io.containercodes.lab.images;

import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.LabLabels;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Makes sure a lab image is on the engine: present with the current recipe's hash → nothing
 * to do; otherwise built offline from its recipe and loaded. The hash lives in the image's
 * labels, so a changed recipe (or a new host busybox) rebuilds by itself.
 */
public final class LabImages {
  private final Engine engine;
  private final Consumer<String> progress;
  private final PackageInstaller installer;

  public LabImages(Engine engine, Map<String, String> env, Consumer<String> progress) {
    this.engine = engine;
    this.progress = progress;
    this.installer = new PackageInstaller(HostFacts.read(), env, progress);
  }

  /**
   * Resolves a name a lesson or learner wrote to what the engine should run: a catalog
   * image is ensured and its full reference returned; any other name is returned unchanged.
   */
  public String resolve(String image) {
    Optional<ImageCatalog.Entry> entry = ImageCatalog.find(image);
    if (entry.isEmpty()) {
      return image;
    }
    ensure(entry.get());
    return entry.get().reference();
  }

  /** Returns true when it had to build the image. */
  public boolean ensure(ImageCatalog.Entry entry) {
    ImageRecipe recipe = recipeFor(entry);
    String hash = recipe.hash();
    Optional<Map<String, String>> labels = engine.imageLabels(entry.reference());
    if (labels.isPresent() && hash.equals(labels.get().get(LabLabels.RECIPE))) {
      return false;
    }
    progress.accept((labels.isPresent() ? "Rebuilding " : "Building ") + entry.name() + " " + recipe.description()
        + (labels.isPresent() ? " (its recipe changed)" : " (no registry needed)") + "…");
    long t0 = System.nanoTime();
    byte[] archive = recipe.build(entry.reference(), Map.of(LabLabels.IMAGE, entry.name(), LabLabels.RECIPE, hash,
        LabLabels.SOURCE, "built"));
    engine.loadImage(new ByteArrayInputStream(archive));
    progress.accept("Built " + entry.name() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms ("
        + archive.length / 1024 + " KiB).");
    return true;
  }

  private ImageRecipe recipeFor(ImageCatalog.Entry entry) {
    if (entry == ImageCatalog.BUSYBOX) {
      return new BusyboxRecipe(installer);
    }
    throw new IllegalArgumentException("no recipe for " + entry.name());
  }
}
