package io.containercodes.lab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EnvironmentProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnerTest {
  @Test
  void theVariableNamesTheLearner() {
    assertEquals("ada-2", Learner.of(Map.of(Learner.VARIABLE, "ada-2")).id());
  }

  @Test
  void withoutItTheUserAndHostDo() {
    String id = Learner.of(Map.of()).id();
    assertTrue(id.matches("[a-z0-9][a-z0-9-]{0,31}"), id);
    assertTrue(id.startsWith(Learner.sanitised(System.getProperty("user.name"))), id);
  }

  @Test
  void aNameThatCannotNameObjectsIsRefusedNamingTheVariable() {
    for (String bad : new String[] {"Ada", "a b", "../x", "-x", "a".repeat(33), "x\u001b[2J"}) {
      EnvironmentProblem e =
          assertThrows(
              EnvironmentProblem.class, () -> Learner.of(Map.of(Learner.VARIABLE, bad)), bad);
      assertTrue(e.getMessage().startsWith("CCLAB_LEARNER"), e.getMessage());
      assertFalse(e.getMessage().contains("\u001b"), "the refusal echoes no escape");
    }
  }

  @Test
  void aUserAndHostAreMadeIntoAnId() {
    assertEquals("root-lab-host-1", Learner.sanitised("Root_Lab.Host..1"));
    assertEquals("learner", Learner.sanitised("…"));
    assertEquals(32, Learner.sanitised("x".repeat(40)).length());
  }

  @Test
  void anotherLearnersObjectIsTold() {
    Learner ada = new Learner("ada");
    assertTrue(ada.isOtherThan(Map.of(Learner.LABEL, "bob")));
    assertFalse(ada.isOtherThan(Map.of(Learner.LABEL, "ada")));
    assertFalse(ada.isOtherThan(Map.of()), "an object of no learner (an older lab's) is no one's");
    assertFalse(ada.isOtherThan(null));
  }

  @Test
  void everyNewObjectNamesItsLearner() {
    assertEquals("bob", LabLabels.forNewObject(new Learner("bob")).get(Learner.LABEL));
  }
}
