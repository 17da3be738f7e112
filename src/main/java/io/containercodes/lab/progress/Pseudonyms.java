package io.containercodes.lab.progress;

import io.containercodes.lab.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable pseudonyms for learners: {@code learner-} and ten letters and digits of an HMAC-SHA256 of
 * the name under the class's key. The same name under the same key is the same pseudonym in every
 * export and every run, so one learner lines up across two exports; without the key, a list of
 * likely names cannot be hashed to find who is who, as it could with a plain hash. Each class gets
 * a key of its own (the instructor's choice, {@code --class-key} or {@code CCLAB_CLASS_KEY}), so
 * pseudonyms do not link one class to another. Ten base-32 characters are 50 bits: two learners of
 * a class sharing one is not a worry.
 */
public final class Pseudonyms {
  /** A shorter key is one a class could guess. */
  public static final int MIN_KEY = 12;

  /** The environment variable that holds the class key when the flag does not. */
  public static final String KEY_ENV = "CCLAB_CLASS_KEY";

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final int LENGTH = 10;

  private static final Pattern PSEUDONYM =
      Pattern.compile("learner-[" + ALPHABET + "]{" + LENGTH + "}");

  private final SecretKeySpec key;

  private Pseudonyms(String key) {
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /**
   * The class's pseudonyms under {@code key} (the flag's value, else the environment's); a missing
   * or short key is an error that names the flag and offers a fresh random key.
   */
  public static Pseudonyms of(String key, java.util.Map<String, String> env) {
    String k = key != null ? key : env.get(KEY_ENV);
    if (k == null || k.strip().length() < MIN_KEY) {
      throw new InvalidInput(
          "--anonymise needs the class's key: --class-key KEY (or "
              + KEY_ENV
              + "), at least "
              + MIN_KEY
              + " characters"
              + (k == null ? "" : "; the one given is shorter")
              + ".",
          "Choose one per class and keep it: the same key gives the same pseudonyms, e.g."
              + " --class-key "
              + freshKey());
    }
    return new Pseudonyms(k.strip());
  }

  /**
   * A learner's pseudonym: the same for the same name (as typed, Unicode-normalised). A name that
   * is already a pseudonym (a hand-in made with {@code progress export --anonymise}) stays as it
   * is, so it lines up with the same learner's named hand-in anonymised by the report under the
   * same key; such a name identifies nobody either way.
   */
  public String learner(String name) {
    if (PSEUDONYM.matcher(name).matches()) {
      return name;
    }
    return "learner-"
        + code("learner\u0000" + Normalizer.normalize(name.strip(), Normalizer.Form.NFC));
  }

  /** A file's label: its name carries the learner's, so it is replaced too. */
  public String file(String fileName) {
    return "export-" + code("file\u0000" + fileName) + ".json";
  }

  private String code(String text) {
    byte[] mac;
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      mac = m.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
    StringBuilder b = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      b.append(ALPHABET.charAt(mac[i] & 31));
    }
    return b.toString();
  }

  /** 16 random bytes in hex: 32 characters an instructor can copy into the course notes. */
  static String freshKey() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
