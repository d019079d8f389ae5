package dev.trafficlab.mesh.validation;

import static dev.trafficlab.mesh.validation.Schema.ANY;
import static dev.trafficlab.mesh.validation.Schema.BOOLEAN;
import static dev.trafficlab.mesh.validation.Schema.DURATION;
import static dev.trafficlab.mesh.validation.Schema.INTEGER;
import static dev.trafficlab.mesh.validation.Schema.NUMBER;
import static dev.trafficlab.mesh.validation.Schema.STRING;
import static dev.trafficlab.mesh.validation.Schema.UINT32;
import static dev.trafficlab.mesh.validation.Schema.arr;
import static dev.trafficlab.mesh.validation.Schema.enumOf;
import static dev.trafficlab.mesh.validation.Schema.map;
import static dev.trafficlab.mesh.validation.Schema.obj;

import dev.trafficlab.mesh.model.ResourceKind;

/**
 * The spec schemas of Istio 1.8.1's networking CRDs (manifests/charts/base/crds/crd-all.gen.yaml).
 */
final class CrdSchemas {
  private CrdSchemas() {}

  static final Schema STRING_MATCH =
      obj("exact", STRING, "prefix", STRING, "regex", STRING).oneOf("exact", "prefix", "regex");
  static final Schema PORT_SELECTOR = obj("number", UINT32);
  static final Schema DESTINATION = obj("host", STRING, "subset", STRING, "port", PORT_SELECTOR);
  static final Schema HEADER_OPS =
      obj("set", map(STRING), "add", map(STRING), "remove", arr(STRING));
  static final Schema HEADERS = obj("request", HEADER_OPS, "response", HEADER_OPS);
  static final Schema PERCENT = obj("value", NUMBER);

  static final Schema HTTP_MATCH =
      obj(
          "name",
          STRING,
          "uri",
          STRING_MATCH,
          "scheme",
          STRING_MATCH,
          "method",
          STRING_MATCH,
          "authority",
          STRING_MATCH,
          "headers",
          map(STRING_MATCH),
          "port",
          UINT32,
          "sourceLabels",
          map(STRING),
          "gateways",
          arr(STRING),
          "queryParams",
          map(STRING_MATCH),
          "ignoreUriCase",
          BOOLEAN,
          "withoutHeaders",
          map(STRING_MATCH),
          "sourceNamespace",
          STRING);

  static final Schema HTTP_ROUTE =
      obj(
          "name", STRING,
          "match", arr(HTTP_MATCH),
          "route", arr(obj("destination", DESTINATION, "weight", INTEGER, "headers", HEADERS)),
          "redirect", obj("uri", STRING, "authority", STRING, "redirectCode", UINT32),
          "delegate", obj("name", STRING, "namespace", STRING),
          "rewrite", obj("uri", STRING, "authority", STRING),
          "timeout", DURATION,
          "retries",
              obj(
                  "attempts",
                  INTEGER,
                  "perTryTimeout",
                  DURATION,
                  "retryOn",
                  STRING,
                  "retryRemoteLocalities",
                  BOOLEAN),
          "fault",
              obj(
                  "delay",
                      obj(
                              "fixedDelay",
                              DURATION,
                              "exponentialDelay",
                              DURATION,
                              "percentage",
                              PERCENT,
                              "percent",
                              INTEGER)
                          .oneOf("fixedDelay", "exponentialDelay"),
                  "abort",
                      obj(
                              "httpStatus",
                              INTEGER,
                              "grpcStatus",
                              STRING,
                              "http2Error",
                              STRING,
                              "percentage",
                              PERCENT)
                          .oneOf("httpStatus", "grpcStatus", "http2Error")),
          "mirror", DESTINATION,
          "mirrorPercent", UINT32,
          "mirrorPercentage", PERCENT,
          "corsPolicy",
              obj(
                  "allowOrigin",
                  arr(STRING),
                  "allowOrigins",
                  arr(STRING_MATCH),
                  "allowMethods",
                  arr(STRING),
                  "allowHeaders",
                  arr(STRING),
                  "exposeHeaders",
                  arr(STRING),
                  "maxAge",
                  DURATION,
                  "allowCredentials",
                  BOOLEAN),
          "headers", HEADERS);

  static final Schema L4_MATCH =
      obj(
          "destinationSubnets",
          arr(STRING),
          "port",
          UINT32,
          "sourceLabels",
          map(STRING),
          "gateways",
          arr(STRING),
          "sourceNamespace",
          STRING);
  static final Schema TLS_MATCH =
      obj(
          "sniHosts",
          arr(STRING),
          "destinationSubnets",
          arr(STRING),
          "port",
          INTEGER,
          "sourceLabels",
          map(STRING),
          "gateways",
          arr(STRING),
          "sourceNamespace",
          STRING);
  static final Schema ROUTE_DESTINATION = obj("destination", DESTINATION, "weight", INTEGER);

  static final Schema VIRTUAL_SERVICE =
      obj(
          "hosts",
          arr(STRING),
          "gateways",
          arr(STRING),
          "http",
          arr(HTTP_ROUTE),
          "tls",
          arr(obj("match", arr(TLS_MATCH), "route", arr(ROUTE_DESTINATION))),
          "tcp",
          arr(obj("match", arr(L4_MATCH), "route", arr(ROUTE_DESTINATION))),
          "exportTo",
          arr(STRING));

  static final Schema LOAD_BALANCER =
      obj(
              "simple", enumOf("ROUND_ROBIN", "LEAST_CONN", "RANDOM", "PASSTHROUGH"),
              "consistentHash",
                  obj(
                          "httpHeaderName",
                          STRING,
                          "httpCookie",
                          obj("name", STRING, "path", STRING, "ttl", DURATION),
                          "useSourceIp",
                          BOOLEAN,
                          "httpQueryParameterName",
                          STRING,
                          "minimumRingSize",
                          UINT32)
                      .oneOf(
                          "httpHeaderName", "httpCookie", "useSourceIp", "httpQueryParameterName"),
              "localityLbSetting", ANY)
          .oneOf("simple", "consistentHash");
  static final Schema CONNECTION_POOL =
      obj(
          "tcp",
              obj(
                  "maxConnections",
                  INTEGER,
                  "connectTimeout",
                  DURATION,
                  "tcpKeepalive",
                  obj("probes", INTEGER, "time", DURATION, "interval", DURATION)),
          "http",
              obj(
                  "http1MaxPendingRequests",
                  INTEGER,
                  "http2MaxRequests",
                  INTEGER,
                  "maxRequestsPerConnection",
                  INTEGER,
                  "maxRetries",
                  INTEGER,
                  "idleTimeout",
                  DURATION,
                  "h2UpgradePolicy",
                  enumOf("DEFAULT", "DO_NOT_UPGRADE", "UPGRADE"),
                  "useClientProtocol",
                  BOOLEAN));
  static final Schema OUTLIER =
      obj(
          "consecutiveErrors",
          INTEGER,
          "consecutiveGatewayErrors",
          INTEGER,
          "consecutive5xxErrors",
          INTEGER,
          "interval",
          DURATION,
          "baseEjectionTime",
          DURATION,
          "maxEjectionPercent",
          INTEGER,
          "minHealthPercent",
          INTEGER);
  static final Schema CLIENT_TLS =
      obj(
          "mode",
          enumOf("DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"),
          "clientCertificate",
          STRING,
          "privateKey",
          STRING,
          "caCertificates",
          STRING,
          "credentialName",
          STRING,
          "subjectAltNames",
          arr(STRING),
          "sni",
          STRING);
  static final Schema TRAFFIC_POLICY =
      obj(
          "loadBalancer",
          LOAD_BALANCER,
          "connectionPool",
          CONNECTION_POOL,
          "outlierDetection",
          OUTLIER,
          "tls",
          CLIENT_TLS,
          "portLevelSettings",
          arr(
              obj(
                  "port",
                  PORT_SELECTOR,
                  "loadBalancer",
                  LOAD_BALANCER,
                  "connectionPool",
                  CONNECTION_POOL,
                  "outlierDetection",
                  OUTLIER,
                  "tls",
                  CLIENT_TLS)));

  static final Schema DESTINATION_RULE =
      obj(
          "host",
          STRING,
          "trafficPolicy",
          TRAFFIC_POLICY,
          "subsets",
          arr(obj("name", STRING, "labels", map(STRING), "trafficPolicy", TRAFFIC_POLICY)),
          "exportTo",
          arr(STRING));

  static final Schema PORT =
      obj("number", UINT32, "protocol", STRING, "name", STRING, "targetPort", INTEGER);
  static final Schema GATEWAY =
      obj(
          "selector", map(STRING),
          "servers",
              arr(
                  obj(
                      "port",
                      PORT,
                      "bind",
                      STRING,
                      "hosts",
                      arr(STRING),
                      "name",
                      STRING,
                      "defaultEndpoint",
                      STRING,
                      "tls",
                      obj(
                          "httpsRedirect",
                          BOOLEAN,
                          "mode",
                          enumOf(
                              "PASSTHROUGH",
                              "SIMPLE",
                              "MUTUAL",
                              "AUTO_PASSTHROUGH",
                              "ISTIO_MUTUAL"),
                          "serverCertificate",
                          STRING,
                          "privateKey",
                          STRING,
                          "caCertificates",
                          STRING,
                          "credentialName",
                          STRING,
                          "subjectAltNames",
                          arr(STRING),
                          "verifyCertificateSpki",
                          arr(STRING),
                          "verifyCertificateHash",
                          arr(STRING),
                          "minProtocolVersion",
                          STRING,
                          "maxProtocolVersion",
                          STRING,
                          "cipherSuites",
                          arr(STRING)))));

  static final Schema SERVICE_ENTRY =
      obj(
          "hosts",
          arr(STRING),
          "addresses",
          arr(STRING),
          "ports",
          arr(PORT),
          "location",
          enumOf("MESH_EXTERNAL", "MESH_INTERNAL"),
          "resolution",
          enumOf("NONE", "STATIC", "DNS"),
          "endpoints",
          arr(
              obj(
                  "address",
                  STRING,
                  "ports",
                  map(INTEGER),
                  "labels",
                  map(STRING),
                  "network",
                  STRING,
                  "locality",
                  STRING,
                  "weight",
                  INTEGER,
                  "serviceAccount",
                  STRING)),
          "workloadSelector",
          obj("labels", map(STRING)),
          "exportTo",
          arr(STRING),
          "subjectAltNames",
          arr(STRING));

  static Schema spec(ResourceKind kind) {
    return switch (kind) {
      case VIRTUAL_SERVICE -> VIRTUAL_SERVICE;
      case DESTINATION_RULE -> DESTINATION_RULE;
      case GATEWAY -> GATEWAY;
      case SERVICE_ENTRY -> SERVICE_ENTRY;
      default -> ANY;
    };
  }
}
