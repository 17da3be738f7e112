package io.containercodes.lab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The guardrails' judgement of {@code --security-opt}: options that switch a confinement off
 * (seccomp, AppArmor, SELinux, the masked and read-only /proc and /sys paths), and seccomp profiles
 * judged by what they contain, compared with the engine's default ({@link SeccompBaseline}).
 *
 * <p>The lab's seccomp lessons run two profiles on purpose (demos/seccomp: deny-mkdir.json allows
 * everything but mkdir, to show that a profile replaces the default; default-deny-mkdir.json is
 * containers/common's default with mkdir denied, which on Docker opens what moby's default allows
 * only with capabilities). They are recognised by their SHA-256 — and only as files of the lab's
 * own checkout while its own lessons are in use, never a lesson pack's copy — and run without
 * consent, with a note that says what they open.
 */
final class SecurityOptions {
  /** The largest profile the lab reads (the engines' defaults are under 20 KiB). */
  static final int MAX_PROFILE_BYTES = 1 << 20;

  /** SHA-256 of the lab's teaching profiles → what they are, for the note. */
  static final Map<String, String> TEACHING_PROFILES =
      Map.of(
          "abb30523346a514d78c7bb2e476cb0773ba104f324702f780dee6761388a0875",
          "the seccomp lesson's allow-all-but-mkdir profile",
          "da3c028f4bd9b1f729a341335c162ca454bbd15b9ea2fc9e35616e46832ecb85",
          "the seccomp lesson's containers/common default with mkdir denied");

  private final java.util.function.Supplier<SeccompBaseline> baseline;
  private final Optional<Path> teachingDemos;

  /**
   * @param teachingDemos the lab's own demos/ folder while its own lessons are in use; empty when
   *     another lesson pack is (its files are never teaching profiles)
   */
  /**
   * @param baseline made on first use: reading the engines' profiles loads the JSON reader, which
   *     most lines (no seccomp profile) never need
   */
  SecurityOptions(
      java.util.function.Supplier<SeccompBaseline> baseline, Optional<Path> teachingDemos) {
    this.baseline = baseline;
    this.teachingDemos = teachingDemos;
  }

  Optional<Path> teachingDemos() {
    return teachingDemos;
  }

  /** One option's verdict: a reason it needs consent, a refusal, a note, or nothing. */
  record Verdict(String violation, String refusal, String note) {
    static final Verdict NONE = new Verdict(null, null, null);
  }

  Verdict judge(String opt) {
    String o = opt.strip();
    if (o.startsWith("seccomp=") && !o.equals("seccomp=unconfined")) {
      return seccomp(o.substring("seccomp=".length()));
    }
    String why = switchedOff(o.toLowerCase(Locale.ROOT));
    return why == null ? Verdict.NONE : new Verdict(why, null, null);
  }

  /** The options that turn a confinement off, each with what it gives away; null for others. */
  private static String switchedOff(String o) {
    if (o.equals("seccomp=unconfined")) {
      return "turns off the system-call filter: every kernel call, including the rarely used ones"
          + " most kernel exploits need, is open.";
    }
    if (o.equals("apparmor=unconfined")) {
      return "turns off the AppArmor profile that keeps the container from writing /proc and /sys"
          + " and from mounting.";
    }
    if (o.equals("label=disable")
        || o.equals("label=type:spc_t")
        || o.startsWith("label=type:unconfined")) {
      return "turns off SELinux separation ("
          + o.substring("label=".length())
          + "): on an SELinux host the container's processes are no longer kept from the host's"
          + " files.";
    }
    if (o.equals("systempaths=unconfined")) {
      return "unmasks /proc and /sys: /proc/kcore, /proc/sysrq-trigger, /proc/sys and the firmware"
          + " tables become visible, and writable where they were read-only.";
    }
    if (o.startsWith("unmask=")) {
      return "unmasks "
          + (o.equals("unmask=all") ? "every masked path" : o.substring("unmask=".length()))
          + " of /proc and /sys, which the engine hides because they reveal or change the host's"
          + " kernel.";
    }
    return null;
  }

  private Verdict seccomp(String value) {
    byte[] bytes;
    String shown = value.startsWith("{") ? "(an inline profile)" : value;
    try {
      bytes = value.startsWith("{") ? value.getBytes(StandardCharsets.UTF_8) : read(Path.of(value));
    } catch (IOException e) {
      return new Verdict(
          null,
          "names "
              + shown
              + ", which the lab cannot read ("
              + e.getMessage()
              + "): it judges a"
              + " profile by what it allows before the engine loads it.",
          null);
    }
    return profile(value, bytes);
  }

  /**
   * The verdict on a profile's bytes as they will reach the engine ({@code value} is the path the
   * line named, or the inline JSON): the creator reads a profile once and judges and sends the same
   * bytes, so a file changed after the check cannot slip in.
   */
  Verdict profile(String value, byte[] bytes) {
    String shown = value.startsWith("{") ? "(an inline profile)" : value;
    SeccompProfile profile;
    try {
      profile = SeccompProfile.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return new Verdict(null, "names " + shown + ", which is " + e.getMessage() + ".", null);
    }
    SeccompBaseline base = baseline.get();
    List<String> opened = profile.opens(base.profile());
    if (opened.isEmpty()) {
      return Verdict.NONE;
    }
    String what =
        (profile.allowsByDefault()
                ? "lets through every call it does not name (an allowing defaultAction), so "
                : "allows ")
            + opened.size()
            + " call(s) "
            + base.description()
            + " denies ("
            + SeccompProfile.shortList(opened, 4)
            + ")";
    String teaching = teaching(value, bytes);
    if (teaching != null) {
      return new Verdict(
          null,
          null,
          "seccomp="
              + value
              + " is "
              + teaching
              + ": it "
              + what
              + "; the lab lets its"
              + " own lesson run it without --i-understand.");
    }
    return new Verdict(
        what
            + ": for the guardrails the filter is off (unconfined). Start from the engine's default"
            + " profile and add your denials to it.",
        null,
        null);
  }

  private String teaching(String value, byte[] bytes) {
    if (teachingDemos.isEmpty() || value.startsWith("{")) {
      return null;
    }
    Path real = Guardrails.real(Path.of(value));
    if (!real.startsWith(teachingDemos.get())) {
      return null;
    }
    return TEACHING_PROFILES.get(sha256(bytes));
  }

  /**
   * At most {@link #MAX_PROFILE_BYTES}: a profile larger than that is refused, never read whole.
   */
  static byte[] read(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException(Files.exists(p) ? "not a regular file" : "no such file");
    }
    try (InputStream in = Files.newInputStream(p)) {
      byte[] b = in.readNBytes(MAX_PROFILE_BYTES + 1);
      if (b.length > MAX_PROFILE_BYTES) {
        throw new IOException("larger than " + (MAX_PROFILE_BYTES >> 10) + " KiB");
      }
      return b;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
