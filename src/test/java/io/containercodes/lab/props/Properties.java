package io.containercodes.lab.props;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.opentest4j.TestAbortedException;

/**
 * Property tests on plain JUnit 5: a property is checked on many generated samples, and a failure
 * says how to see it again. (The project first wrote its properties with jqwik; jqwik 1.10 asks AI
 * agents not to use it, this project is developed by AI agents, so it has this harness instead.)
 *
 * <p>A property's samples come from one {@link Random} seeded from the property's name, so every
 * run checks the same samples; {@code -Dcclab.props.seed=N} gives every property seed N instead, to
 * repeat a failure or to try new samples.
 */
public final class Properties {
  /** The system property that overrides the seeds. */
  public static final String SEED = "cclab.props.seed";

  private Properties() {}

  /**
   * Checks the property on {@code tries} samples of gen, silently when it holds. A sample the
   * property declines with JUnit's {@code Assumptions.assumeTrue} counts as holding: that is how a
   * property keeps shrinking from removing what makes a sample a sample.
   *
   * @throws AssertionError for the first sample the property fails on (by throwing an
   *     AssertionError or a RuntimeException), naming the seed, the try and the sample; a sample
   *     that is a {@link List} is shrunk first
   */
  public static <T> void forAll(String name, int tries, Gen<T> gen, Consumer<? super T> property) {
    long seed = seed(name);
    Random random = new Random(seed);
    for (int i = 1; i <= tries; i++) {
      T sample = gen.next(random);
      Throwable failure = failure(property, sample);
      if (failure == null) {
        continue;
      }
      T smallest = sample;
      if (sample instanceof List<?> list) {
        smallest = shrink(list, failure.getClass(), property);
        failure = failure(property, smallest);
      }
      String message =
          String.format(
              "Property '%s' failed on try %d of %d with seed %d (repeat with -D%s=%d)\n"
                  + "  sample: %s\n%s  failure: %s",
              name,
              i,
              tries,
              seed,
              SEED,
              seed,
              smallest,
              smallest == sample ? "" : "  shrunk from: " + sample + "\n",
              failure);
      throw new AssertionError(message, failure);
    }
  }

  static long seed(String name) {
    String given = System.getProperty(SEED);
    return given == null || given.isBlank() ? name.hashCode() : Long.parseLong(given.strip());
  }

  /**
   * The list with its elements removed one at a time for as long as the property still fails the
   * same way (with the same class of exception): the smallest such list, or the list itself.
   */
  @SuppressWarnings("unchecked") // the sample T is this List, and its sublists are Lists as well
  private static <T> T shrink(List<?> list, Class<?> kind, Consumer<? super T> property) {
    List<?> smallest = list;
    boolean removedOne = true;
    while (removedOne) {
      removedOne = false;
      for (int i = 0; i < smallest.size() && !removedOne; i++) {
        List<Object> candidate = new ArrayList<>(smallest);
        candidate.remove(i);
        Throwable f = failure(property, (T) Collections.unmodifiableList(candidate));
        if (f != null && f.getClass() == kind) {
          smallest = Collections.unmodifiableList(candidate);
          removedOne = true;
        }
      }
    }
    return (T) smallest;
  }

  /** What the property threw for the sample, or null when it holds. */
  private static <T> Throwable failure(Consumer<? super T> property, T sample) {
    try {
      property.accept(sample);
      return null;
    } catch (TestAbortedException declined) {
      return null;
    } catch (AssertionError | RuntimeException e) {
      return e;
    }
  }
}
