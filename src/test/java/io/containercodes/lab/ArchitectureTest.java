package io.containercodes.lab;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.containercodes.lab.engine.AdmittedRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules docs/architecture.md states, checked on the compiled classes so they cannot drift. */
class ArchitectureTest {
  private static JavaClasses lab;

  @BeforeAll
  static void importClasses() {
    lab =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.containercodes.lab");
  }

  @Test
  void onlyTheEnginePackageTalksToDockerJava() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.containercodes.lab.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.github.dockerjava..")
        .because("the engine is the lab's one door to a container engine")
        .check(lab);
  }

  @Test
  void onlyMainEndsTheProcess() {
    // Training is the launcher's build-time entry point: it must end the JVM for the archive to be
    // written
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.containercodes.lab.cli.Main")
        .and()
        .doNotHaveFullyQualifiedName("io.containercodes.lab.cli.Training")
        .should()
        .callMethod(System.class, "exit", int.class)
        .because("every command returns its status, so it can be tested in-process")
        .check(lab);
  }

  @Test
  void theEngineDependsOnNothingAboveIt() {
    noClasses()
        .that()
        .resideInAPackage("io.containercodes.lab.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.containercodes.lab.cli..",
            "io.containercodes.lab.repl..",
            "io.containercodes.lab.lesson..",
            "io.containercodes.lab.demo..",
            "io.containercodes.lab.audit..",
            "io.containercodes.lab.sandbox..",
            "io.containercodes.lab.progress..",
            "io.containercodes.lab.check..")
        .check(lab);
  }

  @Test
  void rendersAndContentAreLeaves() {
    noClasses()
        .that()
        .resideInAPackage("io.containercodes.lab.render..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.containercodes.lab.cli..",
            "io.containercodes.lab.repl..",
            "io.containercodes.lab.engine..",
            "io.containercodes.lab.demo..",
            "io.containercodes.lab.progress..")
        .check(lab);
  }

  @Test
  void onlyTheAdmissionAdmitsARun() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.containercodes.lab.admission..")
        .should()
        .callConstructorWhere(target(owner(assignableTo(AdmittedRun.class))))
        .because("every line that reaches the engine passes the one admission path")
        .check(lab);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.containercodes.lab.(*)..").should().beFreeOfCycles().check(lab);
  }
}
