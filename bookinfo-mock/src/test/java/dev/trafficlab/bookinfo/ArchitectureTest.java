package dev.trafficlab.bookinfo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The data plane depends on mesh only: never on the terminal or the web app built on it. */
class ArchitectureTest {
  private static final JavaClasses BOOKINFO =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.trafficlab.bookinfo");

  @Test
  void bookinfoKnowsNeitherTheTerminalNorTheServer() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.trafficlab.terminal..", "dev.trafficlab.server..")
        .check(BOOKINFO);
  }

  /** Every package is a slice (the root included). */
  @Test
  void bookinfoPackagesHaveNoCycles() {
    slices().matching("dev.trafficlab.(**)").should().beFreeOfCycles().check(BOOKINFO);
  }
}
