package dev.trafficlab.terminal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The terminal sits on mesh and the data plane; the web app wires it in, never the other way round.
 */
class ArchitectureTest {
  private static final JavaClasses TERMINAL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.trafficlab.terminal");

  @Test
  void theTerminalNeverImportsTheServer() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.trafficlab.server..")
        .check(TERMINAL);
  }

  /** Every package is a slice (the root included). */
  @Test
  void terminalPackagesHaveNoCycles() {
    slices().matching("dev.trafficlab.(**)").should().beFreeOfCycles().check(TERMINAL);
  }
}
