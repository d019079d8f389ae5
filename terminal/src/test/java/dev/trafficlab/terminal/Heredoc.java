package dev.trafficlab.terminal;

/**
 * Manifests typed into the shell as here-documents, with the command lines istio.io's tasks open
 * them with (the manifests themselves: {@code dev.trafficlab.mesh.testing.HttpbinSamples}).
 */
final class Heredoc {
  private Heredoc() {}

  /** How the mirroring task creates its Deployments: through kube-inject, as istio.io writes it. */
  static final String KUBE_INJECT_CREATE =
      "cat <<EOF | istioctl kube-inject -f - | kubectl create -f -";

  static final String CREATE = "kubectl create -f - <<EOF";

  static final String APPLY = "kubectl apply -f - <<EOF";

  /** {@code yaml} typed after {@code commandLine} (which opens the here-document) and closed. */
  static String of(String commandLine, String yaml) {
    return commandLine + "\n" + yaml + "EOF\n";
  }
}
