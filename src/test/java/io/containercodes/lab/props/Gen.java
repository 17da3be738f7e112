package io.containercodes.lab.props;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A generator of samples for {@link Properties#forAll}: one random value per call. Being a
 * functional interface, two generators combine with a lambda: {@code r -> a.next(r) + b.next(r)}.
 */
@FunctionalInterface
public interface Gen<T> {
  T next(Random r);

  static <T> Gen<T> constant(T value) {
    return r -> value;
  }

  /** One of the values, each as likely. */
  @SafeVarargs
  static <T> Gen<T> of(T... values) {
    List<T> list = new ArrayList<>(); // element by element: javac warns of passing the array on
    for (T v : values) {
      list.add(v);
    }
    return of(list);
  }

  static <T> Gen<T> of(List<? extends T> values) {
    List<T> copy = List.copyOf(values);
    return r -> copy.get(r.nextInt(copy.size()));
  }

  /** A sample of one of the generators, each as likely. */
  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> list = new ArrayList<>();
    for (Gen<? extends T> g : gens) {
      list.add(g);
    }
    return oneOf(list);
  }

  static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
    List<Gen<? extends T>> copy = List.copyOf(gens);
    return r -> copy.get(r.nextInt(copy.size())).next(r);
  }

  static Gen<Integer> ints(int min, int max) {
    return r -> r.nextInt(min, max + 1);
  }

  static Gen<Long> longs(long min, long max) {
    return r -> r.nextLong(min, max + 1);
  }

  static Gen<Boolean> booleans() {
    return Random::nextBoolean;
  }

  /** Any UTF-16 unit, lone surrogates and controls included; ASCII half of the time. */
  static Gen<Character> anyChar() {
    return r -> (char) (r.nextBoolean() ? r.nextInt(0x80) : r.nextInt(0x10000));
  }

  static Gen<Character> charFrom(String alphabet) {
    return r -> alphabet.charAt(r.nextInt(alphabet.length()));
  }

  static Gen<String> strings(String alphabet, int minLength, int maxLength) {
    return strings(charFrom(alphabet), minLength, maxLength);
  }

  static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
    return chars
        .list(minLength, maxLength)
        .map(cs -> cs.stream().map(String::valueOf).collect(Collectors.joining()));
  }

  /** Distinct values in a random order, at most maxSize of them. */
  static <T> Gen<List<T>> distinct(List<T> values, int maxSize) {
    return r -> {
      List<T> shuffled = new ArrayList<>(values);
      Collections.shuffle(shuffled, r);
      return List.copyOf(shuffled.subList(0, r.nextInt(Math.min(maxSize, values.size()) + 1)));
    };
  }

  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return r -> f.apply(next(r));
  }

  default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
    return r -> f.apply(next(r)).next(r);
  }

  /** Samples that pass the test; meant for tests most samples pass. */
  default Gen<T> filter(Predicate<? super T> test) {
    return r -> {
      for (int i = 0; i < 1000; i++) {
        T t = next(r);
        if (test.test(t)) {
          return t;
        }
      }
      throw new IllegalStateException("1000 samples in a row failed the filter");
    };
  }

  default Gen<List<T>> list(int minSize, int maxSize) {
    return r -> {
      int size = r.nextInt(minSize, maxSize + 1);
      List<T> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        list.add(next(r));
      }
      return Collections.unmodifiableList(list);
    };
  }

  /** Empty a quarter of the time. */
  default Gen<Optional<T>> optional() {
    return r -> r.nextInt(4) == 0 ? Optional.empty() : Optional.of(next(r));
  }
}
