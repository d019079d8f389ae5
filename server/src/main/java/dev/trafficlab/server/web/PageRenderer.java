package dev.trafficlab.server.web;

import java.util.Map;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates under templates/ on the classpath, whole or as one fragment: the
 * same fragment that sits in the full page answers an htmx request, so the two can never drift
 * apart. Templates are parsed once and cached, so rendering on the event loop is CPU work only.
 */
final class PageRenderer {
  private final TemplateEngine engine = new TemplateEngine();

  PageRenderer() {
    ClassLoaderTemplateResolver resolver =
        new ClassLoaderTemplateResolver(PageRenderer.class.getClassLoader());
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    engine.setTemplateResolver(resolver);
  }

  String page(String template, Map<String, Object> model) {
    return engine.process(template, context(model));
  }

  String fragment(String template, String fragment, Map<String, Object> model) {
    return fragments(template, Set.of(fragment), model);
  }

  /** Several fragments of one template, in the order they appear in it. */
  String fragments(String template, Set<String> fragments, Map<String, Object> model) {
    return engine.process(template, fragments, context(model));
  }

  private static Context context(Map<String, Object> model) {
    Context c = new Context(java.util.Locale.ENGLISH);
    c.setVariables(model);
    return c;
  }
}
