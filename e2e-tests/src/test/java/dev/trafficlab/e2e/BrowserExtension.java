package dev.trafficlab.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One browser per test class (starting Chromium is the slow part), but a fresh sandbox per test:
 * before each test the browser forgets its cookies, so its next visit creates a new sandbox. On a
 * failure, every browser of the class leaves a screenshot and its page source under
 * target/e2e-failures/.
 */
final class BrowserExtension implements ParameterResolver, BeforeEachCallback, TestWatcher {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(BrowserExtension.class);

  /**
   * The browsers of one test class; the class context's store closes them when the class is done.
   */
  static final class Browsers implements AutoCloseable {
    private final List<Browser> open = new ArrayList<>();

    synchronized Browser first() {
      if (open.isEmpty()) {
        open.add(Chromium.start("browser1"));
      }
      return open.get(0);
    }

    synchronized Browser another() {
      first();
      Browser b = Chromium.start("browser" + (open.size() + 1));
      open.add(b);
      return b;
    }

    synchronized List<Browser> all() {
      return List.copyOf(open);
    }

    @Override
    public synchronized void close() {
      RuntimeException failure = null;
      for (Browser b : open) {
        try {
          b.close();
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      open.clear();
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static Browsers browsers(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    return classContext
        .getStore(NS)
        .getOrComputeIfAbsent(Browsers.class, k -> new Browsers(), Browsers.class);
  }

  /** Each browser test is skipped (on CI: fails) by name when there is no browser to run it in. */
  @Override
  public void beforeEach(ExtensionContext context) {
    Chromium.requireInstalled();
    Lab lab = LabExtension.lab(context);
    for (Browser b : browsers(context).all()) {
      b.forgetSandbox(lab.base().toString());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Learner.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Browsers browsers = browsers(context);
    Lab lab = LabExtension.lab(context);
    return new Learner(
        lab,
        browsers.first(),
        () -> {
          Browser b = browsers.another();
          return new Learner(
              lab,
              b,
              () -> {
                throw new IllegalStateException("open further browsers from the first learner");
              });
        });
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Path dir = Path.of(System.getProperty("trafficlab.failures", "target/e2e-failures"));
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "-"
            + context.getRequiredTestMethod().getName();
    try {
      LabExtension.lab(context).server().requireAlive();
    } catch (IllegalStateException dead) {
      System.err.println(name + ": " + dead.getMessage());
    }
    Optional<Browsers> browsers =
        Optional.ofNullable(
            context.getParent().orElse(context).getStore(NS).get(Browsers.class, Browsers.class));
    for (Browser b : browsers.map(Browsers::all).orElse(List.of())) {
      try {
        b.saveArtifacts(dir, b.label().equals("browser1") ? name : name + "-" + b.label());
      } catch (Exception e) {
        System.err.println("Could not save the failure screenshot of " + name + ": " + e);
      }
    }
  }
}
