package io.containercodes.lab.images;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.Bytes;
import io.containercodes.lab.engine.Engine;
import io.containercodes.lab.engine.ImageDetails;
import io.containercodes.lab.engine.LabLabels;
import io.containercodes.lab.host.Executables;
import io.containercodes.lab.host.FileTrees;
import io.containercodes.lab.host.HostFacts;
import io.containercodes.lab.host.PackageInstaller;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Gets a lab image onto the engine, in this order:
 *
 * <ol>
 *   <li>present on the engine → used as it is, unless this host built it from a recipe this host
 *       now computes differently (a pulled, loaded or engine-built image needs no host recipe);
 *   <li>build it from this machine's binaries (or load that build from the cache) when this machine
 *       can: the lab's own images carry what the lessons rely on, such as the unprivileged {@code
 *       lab} user, which the upstream images lack;
 *   <li>build it on the engine from the upstream base, pinned by digest ({@link EngineRecipe});
 *   <li>otherwise one sentence saying what each step answered and the ways out (never sudo).
 * </ol>
 *
 * <p>{@code PULL} takes the upstream image as it is instead. A failure is kept for the rest of the
 * command run. {@code CCLAB_OFFLINE=1} skips pulls (the test suite and CI set it: tests contact no
 * public registry). {@code CCLAB_REGISTRY_MIRROR=host:port} pulls from a registry of the room's own
 * instead of Docker Hub.
 */
public final class LabImages {
  public enum Policy {
    AUTO,
    OFFLINE,
    PULL
  }

  public enum Action {
    PRESENT,
    PULLED,
    BUILT,
    BUILT_ON_ENGINE,
    LOADED_FROM_CACHE
  }

  /** A catalog image as it is on the engine now; {@code details} is null when it is missing. */
  public record Status(ImageCatalog.Entry entry, ImageDetails details, String source) {}

  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

  private final Engine engine;
  private final Map<String, String> env;
  private final Consumer<String> progress;
  private final HostFacts host;
  private final PackageInstaller installer;
  private final ImageCache cache;
  private final ImageProvenance provenance;

  public LabImages(Engine engine, Map<String, String> env, Consumer<String> progress) {
    this.engine = engine;
    this.env = env;
    this.progress = progress;
    this.host = HostFacts.read();
    this.installer = new PackageInstaller(host, env, progress);
    this.cache = ImageCache.forUser(env);
    this.provenance = ImageProvenance.forUser(env);
  }

  /**
   * The static busybox of the lab's busybox image (got first when missing), as a file on this
   * machine: the probe tools the audit and the challenge lend a container. See {@link
   * ImageBusybox}.
   */
  public Path labBusybox() {
    resolve(ImageCatalog.BUSYBOX.name());
    return ImageBusybox.copy(engine, cache.dir());
  }

  public Policy defaultPolicy() {
    return "1".equals(env.get("CCLAB_OFFLINE")) ? Policy.OFFLINE : Policy.AUTO;
  }

  /**
   * Resolves a name a lesson or learner wrote to what the engine should run: a catalog image is
   * ensured and its full reference returned; any other name is returned unchanged.
   */
  public String resolve(String image) {
    Optional<ImageCatalog.Entry> entry = ImageCatalog.find(image);
    if (entry.isEmpty()) {
      return image;
    }
    // once per command: a verify resolves the same image for every step of every demo
    if (!ensured.contains(entry.get())) {
      ensure(entry.get(), defaultPolicy());
      ensured.add(entry.get());
    }
    return entry.get().reference();
  }

  private final java.util.Set<ImageCatalog.Entry> ensured =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public Status status(ImageCatalog.Entry entry) {
    Optional<ImageDetails> d = engine.inspectImage(entry.reference());
    if (d.isEmpty()) {
      return new Status(entry, null, "missing");
    }
    String recorded = provenance.sourceOf(d.get().id());
    String source =
        recorded != null ? recorded : d.get().labels().getOrDefault(LabLabels.SOURCE, "pulled");
    return new Status(entry, d.get(), source);
  }

  /** The reference to pull for an entry, through the room's registry mirror when one is set. */
  public String upstreamFor(ImageCatalog.Entry entry) {
    String mirror = env.get("CCLAB_REGISTRY_MIRROR");
    if (mirror == null || mirror.isBlank()) {
      return entry.upstream();
    }
    String path =
        entry.upstream().startsWith("docker.io/")
            ? entry.upstream().substring("docker.io/".length())
            : entry.upstream();
    return mirror.replaceAll("/+$", "") + "/" + path;
  }

  /**
   * Gets the image onto the engine, or throws why not. A failure is kept: the same image is not
   * tried again in this command run (a verify asks for it once per demo).
   */
  public Action ensure(ImageCatalog.Entry entry, Policy policy) {
    EnvironmentProblem earlier = failed.get(entry);
    if (earlier != null) {
      throw earlier;
    }
    try {
      ImageRecipe recipe = recipeFor(entry);
      Found found = found(entry, recipe);
      return found == Found.CURRENT
          ? Action.PRESENT
          : obtain(entry, recipe, policy, found == Found.STALE);
    } catch (EnvironmentProblem e) {
      failed.put(entry, e);
      throw e;
    }
  }

  private final Map<ImageCatalog.Entry, EnvironmentProblem> failed =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** What the engine has of an image. */
  private enum Found {
    /** As the recipe would make it now, or not built by the lab (pulled, loaded). */
    CURRENT,
    /** Built by the lab from an older recipe. */
    STALE,
    MISSING
  }

  /**
   * An image this host did not build (pulled, loaded from a bundle, built on the engine) is used as
   * it is; so is one the host cannot say anything about (no static busybox, no apt source to hash).
   * Only a host build whose recipe this host computes differently is stale.
   */
  private Found found(ImageCatalog.Entry entry, ImageRecipe recipe) {
    // busybox's recipe hash (SHA-256 of the host's 2 MB binary, 35-85 ms measured) is computed
    // while the engine answers the inspect, when the binary is there (it is never installed
    // just for a hash that may not be needed)
    CompletableFuture<String> hash =
        recipe != null && recipe.canHashHere() ? CompletableFuture.supplyAsync(recipe::hash) : null;
    Optional<ImageDetails> present = engine.inspectImage(entry.reference());
    if (present.isEmpty()) {
      return Found.MISSING;
    }
    Map<String, String> labels = present.get().labels();
    boolean builtHere =
        "built".equals(labels.get(LabLabels.SOURCE))
            && !"loaded".equals(provenance.sourceOf(present.get().id()));
    if (!builtHere || hash == null || recipeHash(hash).equals(labels.get(LabLabels.RECIPE))) {
      return Found.CURRENT;
    }
    return Found.STALE; // rebuild rather than mix in an upstream image
  }

  /**
   * Builds on this host when it can (or loads that build from the cache), else builds on the engine
   * from the upstream base; {@code PULL} takes the upstream image as it is. Every try is reported
   * in the one sentence of a failure.
   */
  private Action obtain(
      ImageCatalog.Entry entry, ImageRecipe recipe, Policy policy, boolean stale) {
    List<String> attempts = new ArrayList<>();
    if (policy == Policy.PULL) {
      return pullOnly(entry, attempts);
    }
    if (recipe == null) {
      // the tracer has no recipe of this host's: it is only ever built on the engine
    } else if (recipe.canBuildHere() || cached(entry, recipe)) {
      try {
        return build(entry, recipe);
      } catch (EnvironmentProblem e) {
        attempts.add("building it " + recipe.description() + " failed: " + sentence(e));
      }
    } else {
      attempts.add("it cannot be built " + recipe.description() + " here: " + whyNot(recipe));
    }
    try {
      return buildOnEngine(entry, policy);
    } catch (EnvironmentProblem e) {
      attempts.add("building it on the engine failed: " + sentence(e));
    }
    throw failure(entry, stale, attempts);
  }

  private boolean cached(ImageCatalog.Entry entry, ImageRecipe recipe) {
    return recipe.canHashHere() && cache.find(entry.name(), recipe.hash()).isPresent();
  }

  private static String whyNot(ImageRecipe recipe) {
    return recipe.whyNotHere() != null ? recipe.whyNotHere() : recipe.missingTool();
  }

  private Action pullOnly(ImageCatalog.Entry entry, List<String> attempts) {
    String upstream = upstreamFor(entry);
    try {
      pull(entry, upstream);
      return Action.PULLED;
    } catch (EnvironmentProblem e) {
      attempts.add("pulling " + upstream + " failed: " + sentence(e));
      throw failure(entry, false, attempts);
    }
  }

  /** See {@link EngineRecipe}: the base is pulled first (through the room's mirror when set). */
  private Action buildOnEngine(ImageCatalog.Entry entry, Policy policy) {
    String base = upstreamFor(entry);
    if (engine.inspectImage(base).isEmpty()) {
      if (policy == Policy.OFFLINE) {
        throw new EnvironmentProblem(
            "its base " + base + " is not on the engine, and pulling is off" + offlineWhy(), null);
      }
      pullImage(entry, base);
    }
    long t0 = System.nanoTime();
    progress.accept("Building " + entry.name() + " on the engine from " + base + "…");
    new EngineRecipe(engine).build(entry, base);
    engine
        .inspectImage(entry.reference())
        .ifPresent(d -> provenance.record(d.id(), EngineRecipe.SOURCE));
    progress.accept(
        "Built "
            + entry.name()
            + " on the engine in "
            + (System.nanoTime() - t0) / 1_000_000
            + " ms.");
    return Action.BUILT_ON_ENGINE;
  }

  private String offlineWhy() {
    return "1".equals(env.get("CCLAB_OFFLINE")) ? " (CCLAB_OFFLINE=1)" : "";
  }

  /**
   * One sentence with each try's answer and the ways out that need no other user's rights: never
   * {@code sudo}, which would fill root's image storage, not this user's engine (issue 29).
   */
  private EnvironmentProblem failure(
      ImageCatalog.Entry entry, boolean stale, List<String> attempts) {
    return new EnvironmentProblem(
        entry.name()
            + (stale ? " on this engine was built from an older recipe" : " is not on this engine")
            + ", and the lab could not make it: "
            + String.join("; ", attempts)
            + ".",
        plainHttpFix(attempts)
            + "Let the lab build it on the engine from its upstream base (pulling allowed: unset"
            + " CCLAB_OFFLINE, or set CCLAB_REGISTRY_MIRROR=host:port to the room's registry), or"
            + " load a bundle made on a machine that has it: cclab images load FILE.");
  }

  /**
   * Podman pulls over plain HTTP only from a registry its registries.conf marks insecure (Docker
   * Engine from any 127.0.0.0/8 one): its error names neither, so the fix does (issue 29).
   */
  static String plainHttpFix(List<String> attempts) {
    if (attempts.stream().noneMatch(a -> a.contains("server gave HTTP response to HTTPS client"))) {
      return "";
    }
    return "The engine expects TLS from the registry, which speaks plain HTTP: for Podman, mark it"
        + " insecure = true in the engine's registries.conf and restart the engine (the lab's own"
        + " Podman service does that for a CCLAB_REGISTRY_MIRROR on 127.0.0.1 or localhost when it"
        + " starts); for Docker Engine, list it in insecure-registries. ";
  }

  /** An error's words as a clause in a sentence: one line, no escaped newlines, no full stop. */
  public static String sentence(EnvironmentProblem e) {
    String s = e.getMessage() == null ? "" : e.getMessage();
    s = s.replace("\\n", " ").replaceAll("\\s+", " ").strip();
    return s.endsWith(".") ? s.substring(0, s.length() - 1).strip() : s;
  }

  private void pull(ImageCatalog.Entry entry, String upstream) {
    pullImage(entry, upstream);
    engine.tagImage(upstream, entry.reference());
    engine.inspectImage(entry.reference()).ifPresent(d -> provenance.record(d.id(), "pulled"));
    progress.accept("Pulled " + upstream + " as " + entry.name() + ".");
  }

  private void pullImage(ImageCatalog.Entry entry, String upstream) {
    progress.accept("Pulling " + upstream + " for " + entry.name() + "…");
    int[] lastDecile = {-1};
    engine.pullImage(
        upstream,
        p -> {
          if (p.totalBytes() > 0) {
            int decile = (int) (p.doneBytes() * 10 / p.totalBytes());
            if (decile != lastDecile[0]) {
              lastDecile[0] = decile;
              progress.accept("  " + decile * 10 + "% of " + Bytes.human(p.totalBytes()));
            }
          }
        },
        PULL_TIMEOUT);
  }

  private Action build(ImageCatalog.Entry entry, ImageRecipe recipe) {
    String hash = recipe.hash();
    Optional<Path> cached = cache.find(entry.name(), hash);
    long t0 = System.nanoTime();
    Path work = null;
    try {
      Path archive;
      if (cached.isPresent()) {
        progress.accept(
            "Loading " + entry.name() + " from the build cache (" + cached.get() + ")…");
        archive = cached.get();
      } else {
        progress.accept("Building " + entry.name() + " " + recipe.description() + "…");
        Path base =
            Files.isDirectory(Path.of("/var/tmp"))
                ? Path.of("/var/tmp")
                : Path.of(System.getProperty("java.io.tmpdir"));
        work = Files.createTempDirectory(base, "cclab-build-");
        archive = buildInto(entry, recipe, hash, work);
      }
      Action action = cached.isPresent() ? Action.LOADED_FROM_CACHE : Action.BUILT;
      load(entry, archive, action, t0);
      return action;
    } catch (IOException e) {
      throw new EnvironmentProblem(
          "Building " + entry.name() + " failed: " + e.getMessage(), null, e);
    } finally {
      if (work != null) {
        try {
          FileTrees.delete(work);
        } catch (IOException | RuntimeException ignored) {
          // a temporary directory under /var/tmp
        }
      }
    }
  }

  /** The recipe's archive, labelled as the lab's, kept in the build cache. */
  private Path buildInto(ImageCatalog.Entry entry, ImageRecipe recipe, String hash, Path work)
      throws IOException {
    Path built =
        recipe.build(
            entry.reference(),
            Map.of(
                LabLabels.IMAGE, entry.name(), LabLabels.RECIPE, hash, LabLabels.SOURCE, "built"),
            work);
    return cache.store(entry.name(), hash, built);
  }

  private void load(ImageCatalog.Entry entry, Path archive, Action action, long t0)
      throws IOException {
    try (InputStream in = Files.newInputStream(archive)) {
      engine.loadImage(in);
    }
    engine.inspectImage(entry.reference()).ifPresent(d -> provenance.record(d.id(), "built"));
    progress.accept(
        (action == Action.BUILT ? "Built " : "Loaded ")
            + entry.name()
            + " in "
            + (System.nanoTime() - t0) / 1_000_000
            + " ms ("
            + Bytes.human(Files.size(archive))
            + ").");
  }

  /** Records that an image came from a bundle (see {@link ImageBundle}). */
  void recordLoaded(String imageId) {
    provenance.record(imageId, "loaded");
  }

  /** The hash computed beside the inspect, or the exception its recipe threw, as if called here. */
  private static String recipeHash(CompletableFuture<String> hash) {
    try {
      return hash.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** The host's recipe for the image, or null for one only the engine builds (the tracer). */
  private ImageRecipe recipeFor(ImageCatalog.Entry entry) {
    if (entry.equals(ImageCatalog.TRACER)) {
      return null;
    }
    if (entry.equals(ImageCatalog.BUSYBOX)) {
      return new BusyboxRecipe(installer, cache.dir().resolve("busybox-binary.sha256"));
    }
    if (entry.equals(ImageCatalog.PYTHON)) {
      return new DebianPythonRecipe(installer, host, new Executables(env), progress);
    }
    throw new IllegalArgumentException("no recipe for " + entry.name());
  }
}
