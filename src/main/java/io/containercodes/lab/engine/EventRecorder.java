package io.containercodes.lab.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Follows the engine's event stream while one container runs, the way {@code podman events} would
 * show it. The subscription starts before the container exists (Podman 4.3's compat endpoint stops
 * following when asked for past events with {@code since}), so it takes every container event and
 * keeps the ones for this container once its id is known.
 */
final class EventRecorder implements AutoCloseable {
  private static final long SETTLE_MS = 3_000;

  private final List<Event> seen = new ArrayList<>();
  private final ResultCallback.Adapter<Event> stream;

  private EventRecorder(DockerClient client) {
    this.stream =
        client
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Event event) {
                    synchronized (seen) {
                      seen.add(event);
                      seen.notifyAll();
                    }
                  }
                });
    try {
      stream.awaitStarted(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static EventRecorder start(DockerClient client) {
    return new EventRecorder(client);
  }

  /**
   * The container's events in order, as "start", "oom", "die (exit 137)": waits briefly for its
   * "die", which the engines publish a moment after the wait call returns.
   */
  List<String> eventsOf(String containerId) {
    long deadline = System.currentTimeMillis() + SETTLE_MS;
    synchronized (seen) {
      while (mine(containerId).stream().noneMatch(e -> "die".equals(action(e)))
          && System.currentTimeMillis() < deadline) {
        try {
          seen.wait(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return mine(containerId).stream().map(EventRecorder::describe).toList();
    }
  }

  private List<Event> mine(String containerId) {
    return seen.stream().filter(e -> containerId.equals(e.getId())).toList();
  }

  private static String action(Event e) {
    return e.getAction() != null ? e.getAction() : e.getStatus();
  }

  private static String describe(Event e) {
    Map<String, String> attributes = e.getActor() == null ? null : e.getActor().getAttributes();
    String exit = attributes == null ? null : attributes.get("exitCode");
    return "die".equals(action(e)) && exit != null ? "die (exit " + exit + ")" : action(e);
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException ignored) {
      // the stream is done with
    }
  }
}
