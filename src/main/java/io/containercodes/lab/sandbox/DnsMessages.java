package io.containercodes.lab.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The names asked for in DNS queries, decoded from the bytes a program sent. */
final class DnsMessages {
  private DnsMessages() {}

  /**
   * The names asked for in the DNS queries among a call's strings (a glibc resolver sends A and
   * AAAA together).
   */
  static List<String> names(String args) {
    List<String> names = new ArrayList<>();
    for (byte[] b : StraceParser.strings(args)) {
      String q = question(b);
      if (q != null && !names.contains(q)) {
        names.add(q);
      }
    }
    return names;
  }

  /** The first question of a DNS query message, or null when the bytes are not one. */
  static String question(byte[] m) {
    if (m.length < 17 || (m[2] & 0x80) != 0 || ((m[4] & 0xff) << 8 | (m[5] & 0xff)) < 1) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    int i = 12;
    while (i < m.length) {
      int len = m[i] & 0xff;
      if (len == 0) {
        return name.length() == 0 ? null : name.toString();
      }
      if (len > 63 || i + 1 + len > m.length) {
        return null;
      }
      String label = new String(m, i + 1, len, StandardCharsets.ISO_8859_1);
      if (!label.matches("[A-Za-z0-9_\\-]+")) {
        return null;
      }
      name.append(name.length() == 0 ? "" : ".").append(label);
      i += 1 + len;
    }
    return null;
  }
}
