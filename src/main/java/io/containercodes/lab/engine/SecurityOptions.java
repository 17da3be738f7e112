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
 * <p>The lab's seccomp lessons run three profiles on purpose (demos/seccomp: deny-mkdir.json allows
 * everything but mkdir, to show that a profile replaces the default; podman- and
 * docker-default-deny-mkdir.json are each engine's default with mkdir denied, and each opens what
 * the other engine's default denies — a lesson runs each only on its engine, but every step is
 * judged before any runs). They are recognised by their SHA-256 — and only as files of the lab's
 * own checkout while its own lessons are in use, never a lesson pack's copy — and run without
 * consent, with a note that says what they open.
 */
final class SecurityOptions {
  /** The largest profile the lab reads (the engines' defaults are under 20 KiB). */
  static final int MAX_PROFILE_BYTES = 1 << 20;

  /**
   * SHA-256 of the lab's teaching profiles → what they are, for the note. LinterTest's check of the
   * lab's own content fails when a lesson's profile is missing here.
   */
  static final Map<String, String> TEACHING_PROFILES =
      Map.of(
          "abb30523346a514d78c7bb2e476cb0773ba104f324702f780dee6761388a0875",
          "the seccomp lesson's allow-all-but-mkdir profile",
          "17b35bec362294d58bab81a19e16cdc5b3ce0de604c75e46f11e143d1b8aa16b",
          "the seccomp lesson's Podman default with mkdir denied",
          "6c0ebeb81f3bb202c17cc9b0ed185789be5ff00a295c5bfa6e7c0358951b290e",
          "the seccomp lesson's Docker default with mkdir denied",
          "2f155df9b129c0d88a165431a2972f85f9e0fe0af024326fe12e57168fbc7645",
          "the noexec lesson's Podman default with memfd_create denied",
          "7daa5a3a0d343de79bdd865d3c26e1de34c2630db66b2f1d72e61f1534077aa3",
          "the noexec lesson's Docker default with memfd_create denied");

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
   * The calls a profile lets through further than the baseline does, notable ones first.
   *
   * @throws IllegalArgumentException when the text is not a seccomp profile
   */
  List<String> opens(String json) {
    return SeccompProfile.parse(json).opens(baseline.get().profile());
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
