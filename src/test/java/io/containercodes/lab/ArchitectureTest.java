package io.containercodes.lab;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.containercodes.lab.cli.ArchPlantBypass;
import io.containercodes.lab.cli.ArchPlantExit;
import io.containercodes.lab.content.ArchPlantContentUsesSandbox;
import io.containercodes.lab.content.ArchPlantCycleB;
import io.containercodes.lab.demo.ArchPlantDemoUsesCli;
import io.containercodes.lab.demo.ArchPlantDemoUsesRepl;
import io.containercodes.lab.demo.ArchPlantDockerJava;
import io.containercodes.lab.engine.AdmittedRun;
import io.containercodes.lab.engine.ArchPlantEngineUsesDemo;
import io.containercodes.lab.engine.TestRuns;
import io.containercodes.lab.render.ArchPlantCycleA;
import io.containercodes.lab.render.ArchPlantRenderUsesHost;
import io.containercodes.lab.runline.ArchPlantRunlineUsesAdmission;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules docs/architecture.md states, checked on the compiled classes so they cannot drift; each
 * rule is also shown to fail on a planted violation (a test-only {@code ArchPlant…} class), so no
 * rule passes because it cannot see anything.
 */
class ArchitectureTest {
  static final String LAB = "io.containercodes.lab";

  /**
   * The packages from the bottom up: a package may depend only on packages of lower layers (and on
   * the root package's exceptions, {@code Quote} and {@code Timing}), never on one of its own layer
   * or above. The diagram in docs/architecture.md is drawn from what the code does within these.
   */
  static final List<Set<String>> LAYERS =
      List.of(
          Set.of("render"),
          Set.of("content", "host"),
          Set.of("engine"),
          Set.of("runline", "images", "check"),
          Set.of("admission"),
          Set.of("demo", "audit", "sandbox"),
          Set.of("lesson"),
          Set.of("progress"),
          Set.of("repl"),
          Set.of("cli"));

  private static JavaClasses lab;

  @BeforeAll
  static void importClasses() {
    lab =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(LAB);
  }

  // ---- the rules ----------------------------------------------------------------------------

  static final ArchRule ONLY_ENGINE_TALKS_TO_DOCKER_JAVA =
      noClasses()
          .that()
          .resideOutsideOfPackage(LAB + ".engine..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.github.dockerjava..")
          .because("the engine is the lab's one door to a container engine");

  // Training is the launcher's build-time entry point: it must end the JVM for the archive to be
  // written
  static final ArchRule ONLY_MAIN_ENDS_THE_PROCESS =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName(LAB + ".cli.Main")
          .and()
          .doNotHaveFullyQualifiedName(LAB + ".cli.Training")
          .should()
          .callMethod(System.class, "exit", int.class)
          .because("every command returns its status, so it can be tested in-process");

  static final ArchRule ONLY_THE_ADMISSION_ADMITS_A_RUN =
      noClasses()
          .that()
          .resideOutsideOfPackage(LAB + ".admission..")
          .should()
          .callConstructorWhere(target(owner(assignableTo(AdmittedRun.class))))
          .because("every line that reaches the engine passes the one admission path");

  static final ArchRule RENDER_IS_A_LEAF =
      noClasses()
          .that()
          .resideInAPackage(LAB + ".render..")
          .should()
          .dependOnClassesThat(
              resideInAPackage(LAB + "..").and(resideOutsideOfPackage(LAB + ".render..")))
          .because("render draws text for a terminal and knows nothing of the lab");

  /** content and host read files and the machine; they know only the lab's exceptions. */
  static final ArchRule CONTENT_AND_HOST_ARE_LEAVES =
      noClasses()
          .that()
          .resideInAnyPackage(LAB + ".content..", LAB + ".host..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(packagesExcept("content", "host"))
          .because("reading content and the host needs nothing of the lab's other concerns");

  static final ArchRule NOTHING_INSIDE_USES_CLI =
      noClasses()
          .that()
          .resideOutsideOfPackage(LAB + ".cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(LAB + ".cli..")
          .because("commands are thin adapters: everything they use lies inward");

  static final ArchRule ONLY_CLI_USES_THE_REPL =
      noClasses()
          .that()
          .resideOutsideOfPackages(LAB + ".cli..", LAB + ".repl..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(LAB + ".repl..")
          .because("the REPL is an adapter too; only the command that starts it knows it");

  static final ArchRule NO_CYCLES =
      slices().matching(LAB + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);

  /** Every package of one layer depends only on lower layers. */
  static ArchRule layered(String pkg) {
    return noClasses()
        .that()
        .resideInAPackage(LAB + "." + pkg + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(notBelow(pkg))
        .allowEmptyShould(true)
        .because(pkg + " may use only the layers below it (ArchitectureTest.LAYERS)");
  }

  /** The root package (LabException and its kinds, Quote, Timing) uses only render. */
  static final ArchRule THE_ROOT_PACKAGE_USES_ONLY_RENDER =
      noClasses()
          .that()
          .resideInAPackage(LAB)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(packagesExcept("render"))
          .because("every package may use the lab's exceptions, so they depend on almost nothing");

  private static String[] packagesExcept(String... allowed) {
    Set<String> ok = Set.of(allowed);
    return LAYERS.stream()
        .flatMap(Set::stream)
        .filter(p -> !ok.contains(p))
        .map(p -> LAB + "." + p + "..")
        .toArray(String[]::new);
  }

  /** The packages in pkg's own layer (but itself) and every layer above. */
  private static String[] notBelow(String pkg) {
    List<String> out = new ArrayList<>();
    boolean reached = false;
    for (Set<String> layer : LAYERS) {
      reached |= layer.contains(pkg);
      if (reached) {
        layer.stream().filter(p -> !p.equals(pkg)).forEach(p -> out.add(LAB + "." + p + ".."));
      }
    }
    return out.toArray(String[]::new);
  }

  static Stream<String> packages() {
    return LAYERS.stream().flatMap(Set::stream).sorted();
  }

  // ---- the code holds to them -----------------------------------------------------------------

  @Test
  void onlyTheEnginePackageTalksToDockerJava() {
    ONLY_ENGINE_TALKS_TO_DOCKER_JAVA.check(lab);
  }

  @Test
  void onlyMainEndsTheProcess() {
    ONLY_MAIN_ENDS_THE_PROCESS.check(lab);
  }

  @Test
  void onlyTheAdmissionAdmitsARun() {
    ONLY_THE_ADMISSION_ADMITS_A_RUN.check(lab);
  }

  @Test
  void renderContentAndHostAreLeaves() {
    RENDER_IS_A_LEAF.check(lab);
    CONTENT_AND_HOST_ARE_LEAVES.check(lab);
    THE_ROOT_PACKAGE_USES_ONLY_RENDER.check(lab);
  }

  @Test
  void cliAndReplDependInwardOnly() {
    NOTHING_INSIDE_USES_CLI.check(lab);
    ONLY_CLI_USES_THE_REPL.check(lab);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packages")
  void eachPackageUsesOnlyTheLayersBelowIt(String pkg) {
    layered(pkg).check(lab);
  }

  @Test
  void everyPackageIsInALayer() {
    List<String> unplaced =
        lab.stream()
            .map(c -> c.getPackageName())
            .filter(p -> p.startsWith(LAB + "."))
            .map(p -> p.substring(LAB.length() + 1).split("\\.")[0])
            .distinct()
            .filter(p -> packages().noneMatch(p::equals))
            .toList();
    assertEquals(List.of(), unplaced, "packages no layer names: add them to LAYERS");
  }

  @Test
  void packagesHaveNoCycles() {
    NO_CYCLES.check(lab);
  }

  // ---- each rule fails on a planted violation --------------------------------------------------

  private static void assertReports(ArchRule rule, Class<?>... planted) {
    JavaClasses classes = new ClassFileImporter().importClasses(planted);
    AssertionError e = assertThrows(AssertionError.class, () -> rule.check(classes));
    assertTrue(
        e.getMessage().contains(planted[0].getSimpleName()),
        "the rule names the planted class: " + e.getMessage());
  }

  @Test
  void eachRuleReportsAPlantedViolation() {
    assertReports(ONLY_ENGINE_TALKS_TO_DOCKER_JAVA, ArchPlantDockerJava.class);
    assertReports(ONLY_MAIN_ENDS_THE_PROCESS, ArchPlantExit.class);
    assertReports(ONLY_THE_ADMISSION_ADMITS_A_RUN, ArchPlantBypass.class);
    assertReports(ONLY_THE_ADMISSION_ADMITS_A_RUN, TestRuns.class);
    assertReports(RENDER_IS_A_LEAF, ArchPlantRenderUsesHost.class);
    assertReports(CONTENT_AND_HOST_ARE_LEAVES, ArchPlantContentUsesSandbox.class);
    assertReports(NOTHING_INSIDE_USES_CLI, ArchPlantDemoUsesCli.class);
    assertReports(ONLY_CLI_USES_THE_REPL, ArchPlantDemoUsesRepl.class);
    assertReports(THE_ROOT_PACKAGE_USES_ONLY_RENDER, ArchPlantRootUsesEngine.class);
    assertReports(layered("engine"), ArchPlantEngineUsesDemo.class);
    assertReports(layered("runline"), ArchPlantRunlineUsesAdmission.class);
    assertReports(NO_CYCLES, ArchPlantCycleA.class, ArchPlantCycleB.class);
  }

  /** What docs/architecture.md draws is what the code does. */
  @Test
  void theDocumentsPackageDiagramIsTheCodes() throws Exception {
    Map<String, Set<String>> uses = PackageDiagram.dependencies(lab, LAB);
    Goldens.assertSection(
        Path.of("docs/architecture.md"),
        PackageDiagram.BEGIN,
        PackageDiagram.END,
        PackageDiagram.markdown(uses, LAYERS));
  }
}
