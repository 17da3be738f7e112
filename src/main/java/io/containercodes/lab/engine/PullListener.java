package io.containercodes.lab.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Adds up a pull's layer progress and keeps the engine's error. Not docker-java's
 * PullImageResultCallback: it fails with a NullPointerException on Podman's error items, which
 * carry no status.
 */
final class PullListener extends ResultCallback.Adapter<PullResponseItem> {
  /** Per layer id: bytes done and total. */
  private record Layer(long done, long total) {}

  private final Map<String, Layer> layers = new ConcurrentHashMap<>();
  private final Consumer<PullProgress> progress;
  private volatile String error;

  PullListener(Consumer<PullProgress> progress) {
    this.progress = progress;
  }

  /** The engine's own words when the pull failed, else null. */
  String error() {
    return error;
  }

  @Override
  public void onNext(PullResponseItem item) {
    if (item.isErrorIndicated()) {
      error = errorOf(item);
      return;
    }
    ResponseItem.ProgressDetail detail = item.getProgressDetail();
    // "Downloading" only: extraction reports progress too, and would restart the count
    if ("Downloading".equals(item.getStatus())
        && item.getId() != null
        && detail != null
        && detail.getTotal() != null
        && detail.getTotal() > 0) {
      layers.put(
          item.getId(),
          new Layer(detail.getCurrent() == null ? 0 : detail.getCurrent(), detail.getTotal()));
    }
    long done = layers.values().stream().mapToLong(Layer::done).sum();
    long total = layers.values().stream().mapToLong(Layer::total).sum();
    progress.accept(new PullProgress(done, total, item.getStatus()));
  }

  @SuppressWarnings("deprecation") // the only field some engines fill on error
  private static String errorOf(PullResponseItem item) {
    return item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
        ? item.getErrorDetail().getMessage()
        : item.getError();
  }
}
