package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void parsesTheEnginesSizeGrammar() {
    assertEquals(100L << 20, Bytes.parse("100m"));
    assertEquals(100L << 20, Bytes.parse("100M"));
    assertEquals(100L << 20, Bytes.parse("100mb"));
    assertEquals(100L << 20, Bytes.parse("100MiB"));
    assertEquals(1L << 30, Bytes.parse("1g"));
    assertEquals(3L << 29, Bytes.parse("1.5g"));
    assertEquals(512L << 10, Bytes.parse("512k"));
    assertEquals(4096L, Bytes.parse("4096"));
    assertEquals(4096L, Bytes.parse("4096b"));
    assertThrows(NumberFormatException.class, () -> Bytes.parse("lots"));
    assertThrows(NumberFormatException.class, () -> Bytes.parse("-5m"));
    // found by RunLineFuzzTest: a unit alone once failed with StringIndexOutOfBoundsException
    assertThrows(NumberFormatException.class, () -> Bytes.parse("ib"));
    assertThrows(NumberFormatException.class, () -> Bytes.parse("KiB"));
  }

  @Test
  void printsForPeople() {
    assertEquals("64 MiB", Bytes.human(64L << 20));
    assertEquals("1.5 GiB", Bytes.human(3L << 29));
    assertEquals("512 B", Bytes.human(512));
  }
}
