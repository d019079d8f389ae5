package dev.trafficlab.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.terminal.commands.StandardCommands;
import dev.trafficlab.terminal.completion.Completer;
import dev.trafficlab.terminal.completion.Completion;
import org.junit.jupiter.api.Test;

class TabCompletionTest {
  private final Completer completer = new Completer(StandardCommands.all().keySet());

  private final FakeTerminal sandbox =
      new FakeTerminal(
          new FakeTerminal().files,
          TestResources.snapshot(FakeTerminal.NOW, TestResources.VS_REVIEWS_JASON));

  private Completion tab(String line) {
    return completer.complete(sandbox, line);
  }

  @Test
  void aResourceTypeCompletesFromItsStart() {
    Completion c = tab("kubectl get virt");
    assertThat(c.candidates()).containsExactly("virtualservices");
    assertThat(c.from()).isEqualTo("kubectl get ".length());
  }

  @Test
  void podNamesOfTheSandboxCompleteAfterDescribePod() {
    assertThat(tab("kubectl describe pod rev").candidates())
        .hasSize(3)
        .allMatch(n -> n.startsWith("reviews-v"));
  }

  @Test
  void objectNamesFollowTheTypeGivenAsKindSlashName() {
    assertThat(tab("kubectl get vs/rev").candidates()).containsExactly("vs/reviews");
  }

  @Test
  void kubectlVerbsAndIstioctlSubcommandsComplete() {
    assertThat(tab("kubectl d").candidates()).containsExactly("delete", "describe");
    assertThat(tab("k ap").candidates()).containsExactly("api-resources", "apply");
    assertThat(tab("istioctl proxy-c").candidates()).containsExactly("proxy-config");
    assertThat(tab("istioctl proxy-config ro").candidates()).containsExactly("route");
  }

  @Test
  void podsCompleteAfterProxyConfigRoutes() {
    assertThat(tab("istioctl proxy-config routes productpage").candidates())
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("productpage-v1-"));
    assertThat(tab("istioctl pc routes istio-ingressgateway").candidates())
        .singleElement()
        .satisfies(p -> assertThat(p).endsWith(".istio-system"));
  }

  @Test
  void namespacesCompleteAfterTheNamespaceFlag() {
    assertThat(tab("kubectl get pods -n istio-").candidates()).containsExactly("istio-system");
  }

  @Test
  void commandNamesCompleteInCommandPositionAlsoAfterAPipe() {
    assertThat(tab("istio").candidates()).containsExactly("istioctl");
    assertThat(tab("kubectl get pods | gre").candidates()).contains("grep");
  }

  @Test
  void filesAndDirectoriesCompleteRelativeToTheWorkingDirectory() {
    assertThat(tab("cat no").candidates()).containsExactly("notes.txt");
    assertThat(tab("kubectl apply -f istio-1.8.1/samples/bookinfo/n").candidates())
        .containsExactly("istio-1.8.1/samples/bookinfo/networking/");
    assertThat(tab("kubectl apply -f istio-1.8.1/samples/bookinfo/networking/").candidates())
        .containsExactly(
            "istio-1.8.1/samples/bookinfo/networking/a.yaml",
            "istio-1.8.1/samples/bookinfo/networking/b.yaml");
    assertThat(tab("ls ~/no").candidates()).containsExactly("~/notes.txt");
  }

  @Test
  void nothingIsOfferedForAnUnknownTypeOrAMissingDirectory() {
    assertThat(tab("kubectl get frobs x").candidates()).isEmpty();
    assertThat(tab("cat /nowhere/x").candidates()).isEmpty();
  }

  @Test
  void severalCandidatesShareTheirCommonPrefix() {
    assertThat(tab("kubectl get de").commonPrefix()).isEqualTo("de");
    assertThat(tab("kubectl describe pod rev").commonPrefix()).isEqualTo("reviews-v");
  }

  @Test
  void quotedWordsAreReadWithoutTheirQuotes() {
    assertThat(tab("kubectl 'get' virt").candidates()).containsExactly("virtualservices");
  }
}
