package dev.trafficlab.mesh.testing;

/**
 * httpbin as the tests deploy it: Istio 1.8.1's {@code samples/httpbin/httpbin.yaml} read from the
 * files the lessons ship, and the manifests istio.io's mirroring task writes inline (no sample file
 * holds them). Shared through mesh's test jar so no module types them again.
 */
public final class HttpbinSamples {
  private HttpbinSamples() {}

  /**
   * {@code samples/httpbin/httpbin.yaml}: ServiceAccount, Service (port 8000 to 80) and Deployment
   * {@code httpbin} of one replica labelled version v1.
   */
  public static String sample() {
    return BookinfoSamples.istio("samples/httpbin/httpbin.yaml");
  }

  /** The mirroring task's Deployment httpbin-VERSION, logging each request as gunicorn does. */
  public static String taskDeployment(String version) {
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

  /** The mirroring task's Service httpbin: port 8000 to 80, both versions. */
  public static final String TASK_SERVICE =
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

  /** The mirroring task's DestinationRule httpbin: subsets v1 and v2 by the version label. */
  public static final String SUBSETS =
      """
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

  /** The mirroring task's rules: all traffic to v1, with the {@link #SUBSETS}. */
  public static final String ALL_TO_V1 =
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
      """
          + SUBSETS;
}
