package dev.trafficlab.terminal;

/**
 * The httpbin manifests Istio 1.8's mirroring task writes inline (a versioned Deployment, the
 * Service, the all-to-v1 VirtualService with its DestinationRule), shared by the tests that run
 * that task or build on it, each with the command line it is typed with.
 */
final class HttpbinTaskManifests {
  private HttpbinTaskManifests() {}

  /** How the task creates its Deployments: through kube-inject, as istio.io writes it. */
  static final String KUBE_INJECT_CREATE =
      "cat <<EOF | istioctl kube-inject -f - | kubectl create -f -";

  static final String CREATE = "kubectl create -f - <<EOF";

  static final String APPLY = "kubectl apply -f - <<EOF";

  /** {@code yaml} typed after {@code commandLine} (which opens the here-document) and closed. */
  static String heredoc(String commandLine, String yaml) {
    return commandLine + "\n" + yaml + "EOF\n";
  }

  /** The Deployment httpbin-VERSION, logging each request as gunicorn does. */
  static String deployment(String version) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: httpbin-VERSION
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: httpbin
              version: VERSION
          template:
            metadata:
              labels:
                app: httpbin
                version: VERSION
            spec:
              containers:
              - image: docker.io/kennethreitz/httpbin
                imagePullPolicy: IfNotPresent
                name: httpbin
                command: ["gunicorn", "--access-logfile", "-", "-b", "0.0.0.0:80", "httpbin:app"]
                ports:
                - containerPort: 80
        """
        .replace("VERSION", version);
  }

  static final String SERVICE =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: httpbin
        labels:
          app: httpbin
      spec:
        ports:
        - name: http
          port: 8000
          targetPort: 80
        selector:
          app: httpbin
      """;

  /** All traffic to v1, with subsets v1 and v2. */
  static final String ALL_TO_V1 =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: httpbin
      spec:
        hosts:
          - httpbin
        http:
        - route:
          - destination:
              host: httpbin
              subset: v1
            weight: 100
      ---
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata:
        name: httpbin
      spec:
        host: httpbin
        subsets:
        - name: v1
          labels:
            version: v1
        - name: v2
          labels:
            version: v2
      """;
}
