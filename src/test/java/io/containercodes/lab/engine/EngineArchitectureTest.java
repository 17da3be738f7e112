package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EngineArchitectureTest {
  @Test
  void theEnginesAnswerIsSpelledAsOciSpellsIt() {
    assertEquals("amd64", EngineArchitecture.oci("amd64"));
    assertEquals("amd64", EngineArchitecture.oci("x86_64"));
    assertEquals("arm64", EngineArchitecture.oci("aarch64"));
    assertEquals("arm64", EngineArchitecture.oci(" arm64 "));
    assertEquals("s390x", EngineArchitecture.oci("s390x"));
  }

  @Test
  void anEngineThatDoesNotSayIsUnknownNotTheHosts() {
    assertNull(EngineArchitecture.oci(null));
    assertNull(EngineArchitecture.oci(" "));
  }
}
