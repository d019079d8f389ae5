package dev.trafficlab.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the real server jar once for the whole run: the root context's store owns it and closes it
 * (killing the process) when the run ends, whichever test class asked first.
 */
final class LabExtension implements ParameterResolver, BeforeEachCallback {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(LabExtension.class);

  static Lab lab(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent(Lab.class, k -> startLab(), Lab.class);
  }

  private static Lab startLab() {
    Path jar = Path.of(System.getProperty("trafficlab.jar", "../server/target/traffic-lab.jar"));
    Path log = Path.of(System.getProperty("trafficlab.serverLog", "target/e2e-server.log"));
    Path scenarios = Path.of(System.getProperty("trafficlab.scenarios", "../scenarios"));
    // the imported Katacoda and Killercoda test scenarios sit in the catalogue beside the packaged
    // lessons, as an author's LESSONS_DIR puts them
    String lessonsDir =
        ImportedScenarios.copyInto(log.toAbsolutePath().getParent().resolve("e2e-lessons"));
    LabServer server =
        LabServer.start(
            jar.toAbsolutePath().normalize(), log, java.util.Map.of("LESSONS_DIR", lessonsDir));
    return new Lab(server, new LabApi(server.base()), scenarios.toAbsolutePath().normalize());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    lab(context).server().requireAlive();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Lab.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return lab(context);
  }
}
