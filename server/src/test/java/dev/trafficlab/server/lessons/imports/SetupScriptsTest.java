package dev.trafficlab.server.lessons.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scripts are read in whole pieces (a loop, an if, a here-document, whatever its delimiter's
 * quoting), and only set-up the lab really has is answered instead of run.
 */
class SetupScriptsTest {
  @Test
  void aHereDocumentWithAQuotedDelimiterIsOnePiece() {
    List<SetupScripts.Piece> pieces =
        SetupScripts.read(
            """
            #!/bin/bash
            set -euo pipefail
            cat << 'EOF' > /root/multiply.js
            function multiply(a, b){
              a * b
            }
            EOF
            echo 'done' > /opt/katacoda-background-finished
            """);
    assertThat(pieces)
        .extracting(SetupScripts.Piece::text)
        .containsExactly(
            "set -euo pipefail",
            "cat << 'EOF' > /root/multiply.js\nfunction multiply(a, b){\n  a * b\n}\nEOF",
            "echo 'done' > /opt/katacoda-background-finished");
    assertThat(pieces.get(0).answered()).hasValueSatisfying(n -> assertThat(n).contains("set -e"));
    assertThat(pieces.get(1).answered()).isEmpty();
    assertThat(pieces.get(2).answered())
        .hasValueSatisfying(n -> assertThat(n).contains("marker file"));
    assertThat(ShellCommands.missing(pieces.get(1).text())).isEmpty();
  }

  @Test
  void loopsAndIfsAreOnePieceAndOnlyWaitingLoopsAreAnswered() {
    List<SetupScripts.Piece> pieces =
        SetupScripts.read(
            """
            until [ -f /tmp/finished ]
            do
              sleep 1
            done
            for i in 1 2 3; do
              kubectl get pods
            done
            if kubectl get ns istio-system; then
              echo "fi and done in quotes"
            fi
            """);
    assertThat(pieces).hasSize(3);
    assertThat(pieces.get(0).answered()).isPresent();
    assertThat(pieces.get(1).answered()).isEmpty();
    assertThat(pieces.get(2).answered()).isEmpty();
  }

  @Test
  void cdIntoAnotherIstioReleaseGoesToTheLabsAndRunnableKeepsTheRest() {
    String runnable =
        SetupScripts.runnable(
            "cd istio-1.9.0\nkubectl apply -f samples/sleep/sleep.yaml\nistioctl install -y\n");
    assertThat(runnable)
        .isEqualTo(
            "echo '# Traffic Lab: the lab'\\''s Istio release is /root/istio-1.8.1'\n"
                + "cd /root/istio-1.8.1\n"
                + "kubectl apply -f samples/sleep/sleep.yaml\n"
                + "echo '# Traffic Lab: Istio 1.8.1 (demo profile) is installed already'\n");
  }

  @Test
  void commandsTheShellLacksAreNamedButNotItsOwnOrTheScriptsFunctions() {
    assertThat(
            ShellCommands.missing(
                "greet() { echo hi; }\ngreet\nhelm install x | grep y && docker ps; X=1 kubectl get po\n"
                    + "echo \"$(sed -n 1p f)\""))
        .containsExactly("helm", "docker");
  }
}
