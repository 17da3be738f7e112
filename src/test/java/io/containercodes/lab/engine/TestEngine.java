package io.containercodes.lab.engine;

import io.containercodes.lab.images.ImageCatalog;
import io.containercodes.lab.images.LabImages;

/**
 * The engine the integration tests run on: found, started or installed exactly as the lab itself
 * would (CCLAB_INSTALL_ENGINE=1 comes from the build), Podman unless CCLAB_HOST says otherwise. One
 * per test JVM.
 */
public final class TestEngine {
  private static Engine engine;

  private TestEngine() {}

  public static synchronized Engine get() {
    if (engine == null) {
      engine =
          new EngineConnector(System.getenv(), null, m -> System.err.println("[cclab] " + m))
              .connect();
      System.err.println(
          "[test] engine: " + engine.kind().displayName() + " at " + engine.endpoint());
      // every lab image before the first test, whichever test that is: a test that builds the
      // Python image on its own first use would depend on the order the suite runs in
      LabImages images =
          new LabImages(engine, System.getenv(), m -> System.err.println("[cclab] " + m));
      images.ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE);
      images.ensure(ImageCatalog.PYTHON, LabImages.Policy.OFFLINE);
    }
    return engine;
  }

  /** The busybox image's full reference, built if missing. */
  public static String busybox() {
    Engine e = get();
    new LabImages(e, System.getenv(), m -> System.err.println("[cclab] " + m))
        .ensure(ImageCatalog.BUSYBOX, LabImages.Policy.OFFLINE);
    return ImageCatalog.BUSYBOX.reference();
  }
}
