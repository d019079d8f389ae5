package dev.trafficlab.mesh;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * mesh is plain Java: it knows no HTTP stack, no Vert.x or Netty, and none of the modules built on
 * it.
 */
class ArchitectureTest {
  private static final JavaClasses MESH =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.trafficlab.mesh");

  @Test
  void meshUsesNoHttpNoVertxAndNoNetty() {
    noClasses()
        .should()
        .dependOnClassesThat(
            or(
                resideInAnyPackage(
                    "io.vertx..",
                    "io.netty..",
                    "java.net.http..",
                    "com.sun.net.httpserver..",
                    "javax.servlet..",
                    "jakarta.servlet.."),
                belongToAnyOf(HttpURLConnection.class, Socket.class, ServerSocket.class)))
        .because("the engine runs anywhere a config is checked: tests, benchmarks, a CLI")
        .check(MESH);
  }

  @Test
  void meshKnowsNoneOfTheModulesBuiltOnIt() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.trafficlab.bookinfo..", "dev.trafficlab.terminal..", "dev.trafficlab.server..")
        .check(MESH);
  }

  /** Every package is a slice (the root included). */
  @Test
  void meshPackagesHaveNoCycles() {
    slices().matching("dev.trafficlab.(**)").should().beFreeOfCycles().check(MESH);
  }
}
