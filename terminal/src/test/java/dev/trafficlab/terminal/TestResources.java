package dev.trafficlab.terminal;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Resource;
import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.mesh.testing.BookinfoSamples;
import dev.trafficlab.mesh.validation.SpecDecoder;
import dev.trafficlab.mesh.yaml.YamlDocument;
import dev.trafficlab.mesh.yaml.YamlNode;
import dev.trafficlab.mesh.yaml.YamlReader;
import dev.trafficlab.terminal.files.AssetTree;
import dev.trafficlab.terminal.files.SandboxFiles;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Hand-built cluster states for terminal tests: Istio objects read from YAML, with server fields
 * set.
 */
final class TestResources {
  private TestResources() {}

  static List<Resource> fromYaml(String text, Instant created) {
    List<Resource> out = new ArrayList<>();
    long rv = 1000;
    for (YamlDocument d : YamlReader.read(text)) {
      if (!(d.root() instanceof YamlNode.Mapping m)) {
        continue;
      }
      ResourceKind kind =
          ResourceKind.byKind((String) ((YamlNode.Scalar) m.value("kind")).value()).orElseThrow();
      YamlNode.Mapping meta = (YamlNode.Mapping) m.value("metadata");
      String name = (String) ((YamlNode.Scalar) meta.value("name")).value();
      YamlNode nsNode = meta.value("namespace");
      String ns = nsNode == null ? "default" : (String) ((YamlNode.Scalar) nsNode).value();
      YamlNode spec = m.value("spec");
      @SuppressWarnings("unchecked")
      Map<String, Object> raw = (Map<String, Object>) java(spec);
      ObjectMeta om =
          ObjectMeta.of(name, ns)
              .withServerFields(
                  UUID.nameUUIDFromBytes((kind + name).getBytes(StandardCharsets.UTF_8)).toString(),
                  String.valueOf(rv++),
                  1,
                  created);
      out.add(
          new Resource(
              kind,
              (String) ((YamlNode.Scalar) m.value("apiVersion")).value(),
              om,
              SpecDecoder.decode(kind, spec),
              raw));
    }
    return out;
  }

  static Object java(YamlNode n) {
    if (n instanceof YamlNode.Mapping m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach(e -> out.put(e.key(), java(e.value())));
      return out;
    }
    if (n instanceof YamlNode.Sequence s) {
      List<Object> out = new ArrayList<>();
      s.items().forEach(i -> out.add(java(i)));
      return out;
    }
    return n == null ? null : ((YamlNode.Scalar) n).value();
  }

  /**
   * The traffic-management lesson's start state, as the server builds it from the samples on the
   * classpath.
   */
  static Snapshot lessonStart() {
    return BookinfoSamples.lessonStart(Instant.now());
  }

  /** The lesson files every sandbox starts with, read as the server reads them. */
  static SandboxFiles lessonFiles() {
    return SandboxFiles.over(AssetTree.read(List.of(BookinfoSamples.assets())), Clock.systemUTC());
  }

  static Snapshot snapshot(Instant created, String... yamls) {
    List<Resource> all = new ArrayList<>();
    for (String y : yamls) {
      all.addAll(fromYaml(y, created));
    }
    return Snapshot.of(2, all, Set.of(), Inventory.bookinfo(), IstioProfile.ISTIO_1_8);
  }

  static final String GATEWAY =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: Gateway
      metadata:
        name: bookinfo-gateway
      spec:
        selector:
          istio: ingressgateway
        servers:
        - port:
            number: 80
            name: http
            protocol: HTTP
          hosts:
          - "*"
      ---
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: bookinfo
      spec:
        hosts:
        - "*"
        gateways:
        - bookinfo-gateway
        http:
        - match:
          - uri:
              exact: /productpage
          - uri:
              prefix: /static
          route:
          - destination:
              host: productpage
              port:
                number: 9080
      """;

  static final String DR_REVIEWS =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: DestinationRule
      metadata:
        name: reviews
      spec:
        host: reviews
        subsets:
        - name: v1
          labels:
            version: v1
        - name: v2
          labels:
            version: v2
        - name: v3
          labels:
            version: v3
      """;

  /** samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml: jason to v2, others v1. */
  static final String VS_REVIEWS_JASON =
      BookinfoSamples.networking("virtual-service-reviews-test-v2.yaml");

  /** samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml: v1 and v3 half each. */
  static final String VS_REVIEWS_50 =
      BookinfoSamples.networking("virtual-service-reviews-50-v3.yaml");
}
