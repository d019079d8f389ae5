package dev.trafficlab.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The web app's packages depend on each other one way only. */
class ArchitectureTest {
  private static final JavaClasses SERVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.trafficlab.server");

  /** Every package is a slice (the root included). */
  @Test
  void serverPackagesHaveNoCycles() {
    slices().matching("dev.trafficlab.(**)").should().beFreeOfCycles().check(SERVER);
  }
}
