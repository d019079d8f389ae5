package dev.trafficlab.terminal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The terminal sits on mesh and the data plane; the web app wires it in, never the other way round. */
class ArchitectureTest {
  private static final JavaClasses TERMINAL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.trafficlab.terminal");

  @Test
  void theTerminalNeverImportsTheServer() {
    noClasses().should().dependOnClassesThat().resideInAPackage("dev.trafficlab.server..").check(TERMINAL);
  }

  /** Every package is a slice (the root included). */
  @Test
  void terminalPackagesHaveNoCycles() {
    slices().matching("dev.trafficlab.(**)").should().beFreeOfCycles()
        // Until the "routing" branch lands (Shell gets its command table injected; curl and kubectl exec no longer
        // call each other): then delete these three lines, and the rule holds without them.
        .ignoreDependency("dev.trafficlab.terminal.Shell", "dev.trafficlab.terminal.commands.StandardCommands")
        .ignoreDependency("dev.trafficlab.terminal.kubectl.KubectlExec", "dev.trafficlab.terminal.net.Curl")
        .ignoreDependency("dev.trafficlab.terminal.net.Curl", "dev.trafficlab.terminal.kubectl.KubeObjects")
        .check(TERMINAL);
  }
}
