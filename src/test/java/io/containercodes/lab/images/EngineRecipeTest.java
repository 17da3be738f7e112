package io.containercodes.lab.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.containercodes.lab.EnvironmentProblem;
import io.containercodes.lab.engine.LabLabels;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineRecipeTest {
  private static final String PINNED = "127.0.0.1:5999/library/busybox@sha256:" + "a".repeat(64);

  @Test
  void theContainerfileStartsFromThePinnedBaseAndAddsTheLabUserAndLabels() {
    List<String> lines = EngineRecipe.containerfile(ImageCatalog.BUSYBOX, PINNED).lines().toList();
    assertEquals("FROM " + PINNED, lines.get(0));
    assertTrue(lines.get(2).startsWith("RUN "), lines.get(2));
    assertTrue(lines.get(2).contains("lab:x:1000:1000:lab:/home/lab:/bin/sh"), lines.get(2));
    assertTrue(lines.get(2).contains("chown 1000:1000 /home/lab"), lines.get(2));
    assertTrue(lines.contains("LABEL " + LabLabels.IMAGE + "=\"cclab/busybox\""), lines.toString());
    assertTrue(
        lines.contains("LABEL " + LabLabels.SOURCE + "=\"" + EngineRecipe.SOURCE + "\""),
        lines.toString());
    assertTrue(
        lines.contains("LABEL " + LabLabels.RECIPE + "=\"" + EngineRecipe.hash(PINNED) + "\""),
        lines.toString());
  }

  @Test
  void anotherBaseDigestIsAnotherRecipe() {
    assertEquals(EngineRecipe.hash(PINNED), EngineRecipe.hash(PINNED));
    assertNotEquals(EngineRecipe.hash(PINNED), EngineRecipe.hash(PINNED.replace('a', 'b')));
  }

  @Test
  void theTracerImageInstallsDebiansStraceWithTheOnlyNetworkedStep() {
    List<String> lines = EngineRecipe.containerfile(ImageCatalog.TRACER, PINNED).lines().toList();
    assertEquals("FROM " + PINNED, lines.get(0));
    assertTrue(lines.get(3).startsWith("RUN apt-get update"), lines.toString());
    assertTrue(lines.get(3).contains("apt-get install -y -q --no-install-recommends strace"));
    assertTrue(lines.contains("LABEL " + LabLabels.IMAGE + "=\"cclab/tracer\""), lines.toString());
    assertTrue(EngineRecipe.needsNetwork(ImageCatalog.TRACER));
    assertFalse(EngineRecipe.needsNetwork(ImageCatalog.BUSYBOX));
    assertFalse(EngineRecipe.needsNetwork(ImageCatalog.PYTHON));
    assertFalse(
        EngineRecipe.containerfile(ImageCatalog.PYTHON, PINNED).contains("apt-get"),
        "the python image gets no package from the network");
  }

  @Test
  void theTracersOwnStepIsPartOfItsRecipeAndTheOthersKeepTheirs() {
    assertNotEquals(
        EngineRecipe.hash(ImageCatalog.TRACER, PINNED),
        EngineRecipe.hash(ImageCatalog.PYTHON, PINNED));
    // an image built on the engine before the tracer existed is not rebuilt for it
    assertEquals(EngineRecipe.hash(PINNED), EngineRecipe.hash(ImageCatalog.PYTHON, PINNED));
    assertEquals(
        EngineRecipe.hash(ImageCatalog.TRACER, PINNED),
        EngineRecipe.labels(ImageCatalog.TRACER, PINNED).get(LabLabels.RECIPE));
  }

  @Test
  void theTracerIsALabImageButNotOneTheLessonsName() {
    assertEquals(ImageCatalog.TRACER, ImageCatalog.find("cclab/tracer").orElseThrow());
    assertEquals(ImageCatalog.TRACER, ImageCatalog.find("localhost/cclab/tracer:latest").get());
    assertTrue(ImageCatalog.all().contains(ImageCatalog.TRACER));
    assertFalse(ImageCatalog.entries().contains(ImageCatalog.TRACER));
  }

  @Test
  void anEngineBuiltImageIsNeverTakenForAHostBuildThatCouldBeStale() {
    // LabImages compares recipe hashes only of SOURCE=built images; an engine build says otherwise
    assertNotEquals("built", EngineRecipe.SOURCE);
    assertNotEquals(
        "built", EngineRecipe.labels(ImageCatalog.PYTHON, PINNED).get(LabLabels.SOURCE));
  }

  @Test
  void anErrorBecomesOneClauseWithoutNewlinesOrTheirEscapes() {
    String s =
        LabImages.sentence(
            new EnvironmentProblem(
                "debootstrap failed with status 1:\n    E: no mirror\\n  W: retry.", null));
    assertEquals("debootstrap failed with status 1: E: no mirror W: retry", s);
    assertFalse(s.contains("\n"));
  }
}
