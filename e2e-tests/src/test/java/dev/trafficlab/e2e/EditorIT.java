package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * Editing routing YAML: Istio's own validation, on the right line, before and instead of a bad
 * apply.
 */
@LearnerTest
class EditorIT {
  private static final String FILE = "virtual-service-reviews-50-v3.yaml";

  @Test
  void unbalancedWeightsAreMarkedOnTheirLineWithIstiosMessageAndApplyIsRefusedKeepingTheRouting(
      Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String sandbox = page.sandboxId();
    lab.api().applySample(sandbox, "virtual-service-all-v1.yaml");
    String productPage = page.productPage().url();

    WebElement link = findOpenLink(page, learner);
    String path = link.getDomAttribute("data-path");
    learner.browser().click(link);
    EditorTab editor = page.editor().awaitFile(path);
    assertThat(editor.path()).endsWith("/samples/bookinfo/networking/" + FILE);

    String original = editor.value();
    List<String> lines = original.lines().toList();
    int changed = indexOfFirst(lines, "weight: 50") + 1;
    assertThat(changed).as("the editor holds the 50/50 sample:%n%s", original).isPositive();
    editor.setValue(original.replaceFirst("weight: 50", "weight: 40"));

    String message = "total destination weight 90 != 100";
    Diagnostic diagnostic =
        learner
            .browser()
            .waitFor(
                "a diagnostic saying \"" + message + "\" in #editor-diagnostics",
                d ->
                    editor.diagnostics().stream()
                        .filter(x -> x.message().contains(message))
                        .findFirst()
                        .orElse(null));
    System.out.printf("editor: weight changed on line %d; diagnostic %s%n", changed, diagnostic);
    assertThat(diagnostic.severity()).isEqualTo("error");
    assertThat(diagnostic.line())
        .as("the line of the error: the first weight, which the learner changed")
        .isEqualTo(changed);
    learner
        .browser()
        .waitFor(
            "a lint mark in CodeMirror's gutter on line " + diagnostic.line(),
            d -> editor.gutterMarked(diagnostic.line()));

    EditorTab.ApplyOutput output = editor.apply();
    assertThat(output.exitCode())
        .as("Apply's exit code; it printed:%n%s", output.text())
        .isNotEqualTo("0");
    assertThat(output.text())
        .contains(
            "admission webhook \"validation.istio.io\" denied the request: configuration is invalid: ")
        .contains(message);

    String vs =
        lab.api()
            .exec(sandbox, "kubectl get virtualservice reviews -o yaml")
            .requireSuccess()
            .output();
    assertThat(vs)
        .as("the reviews VirtualService still routes to v1 only")
        .contains("subset: v1")
        .doesNotContain("subset: v3");
    for (int i = 0; i < 6; i++) {
      assertThat(learner.viewProductPage(productPage))
          .as("the product page after the refused apply")
          .isEqualTo(new Reviews("v1", Reviews.NONE));
    }
  }

  @Test
  void applyingAFileWithErrorsAndDecliningToSaveKeepsTheSavedFileAndTheEdits(
      Learner learner, Lab lab) {
    LessonPage page = learner.openStep(TrafficManagementLesson.ID, 1);
    String sandbox = page.sandboxId();
    WebElement link = findOpenLink(page, learner);
    String path = link.getDomAttribute("data-path");
    learner.browser().click(link);
    EditorTab editor = page.editor().awaitFile(path);
    String original = editor.value();
    String broken = original.replaceFirst("weight: 50", "weight: 40");
    editor.setValue(broken);

    EditorTab.ApplyOutput output = editor.apply(false);

    assertThat(output.exitCode()).isEqualTo("cancelled");
    assertThat(output.text()).contains("Not applied").contains("unchanged");
    assertThat(lab.api().exec(sandbox, "cat " + path).requireSuccess().output())
        .as("the file on disk after declining")
        .contains("weight: 50")
        .doesNotContain("weight: 40");
    assertThat(editor.value()).as("the editor keeps the learner's edits").isEqualTo(broken);
  }

  /** The lesson's {{open}} link to the 50/50 file, on whichever step has it. */
  private static WebElement findOpenLink(LessonPage first, Learner learner) {
    int steps = first.progressNumbers()[1];
    LessonPage page = first;
    for (int n = 1; n <= steps; n++) {
      if (n > 1) {
        page = learner.openStep(TrafficManagementLesson.ID, n);
      }
      for (WebElement link : page.openFileLinks()) {
        if (link.getDomAttribute("data-path").endsWith("/" + FILE)) {
          return link;
        }
      }
    }
    throw new AssertionError("No step of the lesson has an a.open-file link to " + FILE);
  }

  private static int indexOfFirst(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
