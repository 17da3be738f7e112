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
   * Draws per sample the property must check: a generator whose samples the property mostly
   * declines fails instead of passing on the few it checked.
   */
  static final int DRAWS_PER_CHECK = 10;

  /**
   * Checks the property on {@code tries} samples of gen, silently when it holds. A sample the
   * property declines with JUnit's {@code Assumptions.assumeTrue} is not a pass: it does not count,
   * and another is drawn, up to {@value #DRAWS_PER_CHECK} draws per sample to check. (Declining is
   * how a property keeps shrinking from removing what makes a sample a sample.)
   *
   * @throws AssertionError for the first sample the property fails on (by throwing an
   *     AssertionError or a RuntimeException), naming the seed, the try and the sample; a sample
   *     that is a {@link List} is shrunk first; or when fewer than {@code tries} samples could be
   *     checked
   */
  public static <T> void forAll(String name, int tries, Gen<T> gen, Consumer<? super T> property) {
    long seed = seed(name);
    Random random = new Random(seed);
    int checked = 0;
    for (int draw = 1; checked < tries && draw <= tries * DRAWS_PER_CHECK; draw++) {
      T sample = gen.next(random);
      Throwable failure = failure(property, sample);
      if (failure instanceof TestAbortedException) {
        continue; // declined: not checked
      }
      checked++;
      if (failure == null) {
        continue;
      }
      T smallest = sample;
      if (sample instanceof List<?> list) {
        smallest = shrink(list, failure.getClass(), property);
        failure = failure(property, smallest);
      }
      throw new AssertionError(
          report(name, checked, tries, seed, sample, smallest, failure), failure);
    }
    if (checked < tries) {
      throw new AssertionError(
          String.format(
              "Property '%s' checked only %d of %d samples with seed %d: the property declined the"
                  + " other %d it was given; make the generator's samples ones it checks",
              name, checked, tries, seed, tries * DRAWS_PER_CHECK - checked));
    }
  }

  private static String report(
      String name, int i, int tries, long seed, Object sample, Object smallest, Throwable failure) {
    return String.format(
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

  /**
   * What the property threw for the sample: null when it holds, a {@link TestAbortedException} when
   * it declined the sample.
   */
  private static <T> Throwable failure(Consumer<? super T> property, T sample) {
    try {
      property.accept(sample);
      return null;
    } catch (AssertionError | RuntimeException e) {
      return e;
    }
  }
}
