package dev.trafficlab.server.lessons.imports;

import java.util.Map;

/**
 * What an imported Katacoda or Killercoda scenario brings beyond the lesson itself.
 *
 * @param format "Katacoda" or "Killercoda"
 * @param scripts the scripts of each page that has some: key "intro", "step1", "step2", ...,
 *     "finish"
 * @param images the images its pages show from its folder, served at /lessons/ID/assets/PATH
 * @param report what the import recognised and what it did not
 */
public record ImportedScenario(
    String format, Map<String, PageScripts> scripts, ScenarioImages images, ScenarioReport report) {

  public ImportedScenario {
    scripts = Map.copyOf(scripts);
  }

  /** The scripts of a page ("intro", "step3", "finish"); {@link PageScripts#NONE} when none. */
  public PageScripts scriptsOf(String page) {
    return scripts.getOrDefault(page, PageScripts.NONE);
  }
}
