package dev.trafficlab.mesh.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.model.IstioProfile;
import dev.trafficlab.mesh.store.ApplyMode;
import dev.trafficlab.mesh.store.ApplyReport;
import dev.trafficlab.mesh.store.ConfigStore;
import dev.trafficlab.mesh.store.Snapshot;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One named row per validation rule of istio-semantics.md sections 4.2 and 4.3: the spec
 * (flow-style YAML), and Istio 1.8.1's exact message (rejected), warning (accepted with "Warning:
 * ...") or plain acceptance.
 */
class IstioValidationRulesTest {
  private static final String WEBHOOK =
      "Error from server: error when creating \"STDIN\": admission webhook "
          + "\"validation.istio.io\" denied the request: ";
  private static final String INVALID = WEBHOOK + "configuration is invalid: ";

  private static final String R = "http: [{route: [{destination: {host: reviews}}]}]";

  static Arguments reject(String name, String kind, String spec, String message) {
    return arguments(name, kind, spec, "reject", message);
  }

  static Arguments warn(String name, String kind, String spec, String message) {
    return arguments(name, kind, spec, "warn", message);
  }

  static Arguments accept(String name, String kind, String spec) {
    return arguments(name, kind, spec, "accept", "");
  }

  static Stream<Arguments> virtualServiceRules() {
    String vs = "VirtualService";
    return Stream.of(
        accept("no hosts is accepted as a delegate", vs, "{" + R + "}"),
        reject(
            "delegate with gateways",
            vs,
            "{gateways: [gw], " + R.substring(0) + "}",
            "delegate virtual service must have no gateways specified"),
        reject(
            "delegate with tcp routes",
            vs,
            "{tcp: [{route: [{destination: {host: db}}]}]}",
            "delegate virtual service must have no tcp route specified"),
        reject(
            "delegate with tls routes",
            vs,
            "{tls: [{match: [{sniHosts: [a.com]}], route: [{destination: {host: a.com}}]}]}",
            "delegate virtual service must have no tls route specified"),
        reject(
            "invalid host label",
            vs,
            "{hosts: [reviews_v2], " + R + "}",
            "domain name \"reviews_v2\" invalid (label \"reviews_v2\" invalid)"),
        reject(
            "invalid later host label quotes the remainder",
            vs,
            "{hosts: [foo.ba!r], " + R + "}",
            "domain name \"ba!r\" invalid (label \"ba!r\" invalid)"),
        reject("empty host", vs, "{hosts: [\"\"], " + R + "}", "empty domain name not allowed"),
        reject(
            "host longer than 255",
            vs,
            "{hosts: [" + "a.".repeat(130) + "com], " + R + "}",
            "too long (max 255)"),
        reject(
            "all-numeric top level domain",
            vs,
            "{hosts: [foo.123], " + R + "}",
            "domain name \"123\" invalid (top level domain \"123\" cannot be all-numeric)"),
        reject(
            "wildcard host bound to the mesh",
            vs,
            "{hosts: [\"*\"], " + R + "}",
            "wildcard host * is not allowed for virtual services bound to the mesh gateway"),
        accept(
            "wildcard host bound to a gateway",
            vs,
            "{hosts: [\"*\"], gateways: [bookinfo-gateway], " + R + "}"),
        reject(
            "duplicate hosts",
            vs,
            "{hosts: [reviews, reviews], " + R + "}",
            "duplicate hosts in virtual service: reviews & reviews"),
        reject(
            "overlapping wildcard hosts",
            vs,
            "{hosts: [\"*.foo.bar\", \"*.bar\"], " + R + "}",
            "duplicate hosts in virtual service: *.foo.bar & *.bar"),
        reject(
            "no http, tcp or tls",
            vs,
            "{hosts: [reviews]}",
            "http, tcp or tls must be provided in virtual service"),
        reject(
            "http rule without route or redirect",
            vs,
            "{hosts: [reviews], http: [{match: [{uri: {prefix: /}}]}]}",
            "HTTP route or redirect is required"),
        reject(
            "route and redirect",
            vs,
            "{hosts: [reviews], http: [{redirect: {uri: /x}, route: [{destination: {host: reviews}}]}]}",
            "HTTP route cannot contain both route and redirect"),
        reject(
            "fault and redirect",
            vs,
            "{hosts: [reviews], http: [{redirect: {uri: /x}, fault: {abort: {httpStatus: 500}}}]}",
            "HTTP route cannot contain both fault and redirect"),
        reject(
            "rewrite and redirect",
            vs,
            "{hosts: [reviews], http: [{redirect: {uri: /x}, rewrite: {uri: /y}}]}",
            "HTTP route rule cannot contain both rewrite and redirect"),
        reject(
            "route entry without destination is a multierror",
            vs,
            "{hosts: [reviews], http: [{route: [{weight: 100}]}]}",
            "configuration is invalid: 1 error occurred:\n\t* destination is required\n\n"),
        reject(
            "destination host wildcard",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: \"*\"}}]}]}",
            "invalid destination host *"),
        reject(
            "destination host with a namespace slash",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: default/reviews}}]}]}",
            "domain name \"default/reviews\" invalid (label \"default/reviews\" invalid)"),
        reject(
            "destination port zero",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews, port: {number: 0}}}]}]}",
            "port number 0 must be in the range 1..65535"),
        reject(
            "destination port above 65535",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews, port: {number: 70000}}}]}]}",
            "port number 70000 must be in the range 1..65535"),
        reject(
            "subset name with a dot",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: v1.0}}]}]}",
            "subset name is invalid: v1.0"),
        reject(
            "subset name with an underscore",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: v2_mysql}}]}]}",
            "subset name is invalid: v2_mysql"),
        accept(
            "upper-case subset name",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: V1}}]}]}"),
        reject(
            "weight above 100",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews}, weight: 150}]}]}",
            "percentage 150 is not in range 0..100"),
        reject(
            "weights not totalling 100",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews, "
                + "subset: v1}, weight: 50}, {destination: {host: reviews, subset: v2}, weight: 40}]}]}",
            "total destination weight 90 != 100"),
        reject(
            "two destinations without weights",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: "
                + "reviews, subset: v1}}, {destination: {host: reviews, subset: v2}}]}]}",
            "total destination weight 0 != 100"),
        accept(
            "zero weight among others",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews, "
                + "subset: v1}, weight: 0}, {destination: {host: reviews, subset: v2}, weight: 100}]}]}"),
        reject(
            "empty fault",
            vs,
            "{hosts: [ratings], http: [{fault: {}, route: [{destination: {host: ratings}}]}]}",
            "1 error occurred:\n\t* HTTP fault injection must have an abort and/or a delay"),
        reject(
            "abort status out of range",
            vs,
            "{hosts: [ratings], http: [{fault: {abort: {httpStatus: 9000, "
                + "percentage: {value: 100}}}, route: [{destination: {host: ratings}}]}]}",
            "HTTP status 9000 is not in range 200-599"),
        accept(
            "abort status 600 is accepted",
            vs,
            "{hosts: [ratings], http: [{fault: {abort: {httpStatus: 600, "
                + "percentage: {value: 100}}}, route: [{destination: {host: ratings}}]}]}"),
        accept(
            "abort without percentage is accepted",
            vs,
            "{hosts: [ratings], http: [{fault: {abort: {httpStatus: "
                + "500}}, route: [{destination: {host: ratings}}]}]}"),
        reject(
            "abort grpcStatus",
            vs,
            "{hosts: [ratings], http: [{fault: {abort: {grpcStatus: UNAVAILABLE}}, "
                + "route: [{destination: {host: ratings}}]}]}",
            "gRPC abort fault injection not supported yet"),
        reject(
            "abort http2Error",
            vs,
            "{hosts: [ratings], http: [{fault: {abort: {http2Error: CANCEL}}, "
                + "route: [{destination: {host: ratings}}]}]}",
            "HTTP/2 abort fault injection not supported yet"),
        reject(
            "abort percentage above 100",
            vs,
            "{hosts: [ratings], http: [{fault: {abort: {httpStatus: 500, "
                + "percentage: {value: 150}}}, route: [{destination: {host: ratings}}]}]}",
            "percentage 150 is neither 0.0, nor in range [0.0001, 100.0]"),
        reject(
            "delay percentage below 0.0001",
            vs,
            "{hosts: [ratings], http: [{fault: {delay: {fixedDelay: 7s, "
                + "percentage: {value: 0.00001}}}, route: [{destination: {host: ratings}}]}]}",
            "percentage 1e-05 is neither 0.0, nor in range [0.0001, 100.0]"),
        reject(
            "delay percentage negative",
            vs,
            "{hosts: [ratings], http: [{fault: {delay: {fixedDelay: 7s, "
                + "percentage: {value: -1}}}, route: [{destination: {host: ratings}}]}]}",
            "percentage -1 is neither 0.0, nor in range [0.0001, 100.0]"),
        reject(
            "fixedDelay of zero",
            vs,
            "{hosts: [ratings], http: [{fault: {delay: {fixedDelay: 0s, "
                + "percentage: {value: 100}}}, route: [{destination: {host: ratings}}]}]}",
            "duration must be greater than 1ms"),
        reject(
            "timeout below ms precision",
            vs,
            "{hosts: [ratings], http: [{timeout: 1.5ms, route: [{destination: "
                + "{host: ratings}}]}]}",
            "only durations to ms precision are supported"),
        reject(
            "timeout of zero",
            vs,
            "{hosts: [ratings], http: [{timeout: 0s, route: [{destination: "
                + "{host: ratings}}]}]}",
            "duration must be greater than 1ms"),
        reject(
            "duration without unit fails to decode",
            vs,
            "{hosts: [ratings], http: [{timeout: \"10\", route: "
                + "[{destination: {host: ratings}}]}]}",
            WEBHOOK
                + "error decoding configuration: bad Duration: time: missing unit in duration \"10\""),
        reject(
            "duration with unknown unit fails to decode",
            vs,
            "{hosts: [ratings], http: [{timeout: 10x, route: "
                + "[{destination: {host: ratings}}]}]}",
            "error decoding configuration: bad Duration: time: unknown unit \"x\" in duration \"10x\""),
        accept(
            "durations 7s 0.5s 100ms 1m decode",
            vs,
            "{hosts: [ratings], http: [{timeout: 0.5s, retries: "
                + "{attempts: 3, perTryTimeout: 100ms}, fault: {delay: {fixedDelay: 1m, percentage: {value: 10}}}, "
                + "route: [{destination: {host: ratings}}]}]}"),
        reject(
            "exponentialDelay",
            vs,
            "{hosts: [ratings], http: [{fault: {delay: {exponentialDelay: 1s, "
                + "percentage: {value: 100}}}, route: [{destination: {host: ratings}}]}]}",
            "exponentialDelay not supported yet"),
        reject(
            "negative retry attempts",
            vs,
            "{hosts: [ratings], http: [{retries: {attempts: -1}, route: "
                + "[{destination: {host: ratings}}]}]}",
            "attempts cannot be negative"),
        reject(
            "retry policy with zero attempts",
            vs,
            "{hosts: [ratings], http: [{retries: {attempts: 0, "
                + "perTryTimeout: 2s}, route: [{destination: {host: ratings}}]}]}",
            "http retry policy configured when attempts are set to 0 (disabled)"),
        reject(
            "unknown retryOn policy",
            vs,
            "{hosts: [ratings], http: [{retries: {attempts: 2, retryOn: "
                + "\"5xx,invalid policy\"}, route: [{destination: {host: ratings}}]}]}",
            "\"invalid policy\" is not a valid retryOn policy"),
        reject(
            "retryOn number that is not an HTTP status",
            vs,
            "{hosts: [ratings], http: [{retries: {attempts: 2, "
                + "retryOn: \"600\"}, route: [{destination: {host: ratings}}]}]}",
            "\"600\" is not a valid retryOn policy"),
        accept(
            "retryOn with a status code",
            vs,
            "{hosts: [ratings], http: [{retries: {attempts: 2, retryOn: "
                + "\"gateway-error,503\"}, route: [{destination: {host: ratings}}]}]}"),
        reject(
            "redirect without uri or authority",
            vs,
            "{hosts: [reviews], http: [{redirect: {redirectCode: 301}}]}",
            "redirect must specify URI, authority, or both"),
        reject(
            "redirect code not 3xx",
            vs,
            "{hosts: [reviews], http: [{redirect: {uri: /x, redirectCode: 400}}]}",
            "400 is not a valid redirect code, must be 3xx"),
        reject(
            "empty rewrite",
            vs,
            "{hosts: [reviews], http: [{rewrite: {}, route: [{destination: {host: reviews}}]}]}",
            "rewrite must specify URI, authority, or both"),
        reject(
            "mirrorPercentage above 100",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews}}], "
                + "mirror: {host: reviews, subset: v2}, mirrorPercentage: {value: 101}}]}",
            "mirror_percentage must have a max value of 100 (it has 101.000000)"),
        reject(
            "mirrorPercent above 100",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews}}], "
                + "mirror: {host: reviews, subset: v2}, mirrorPercent: 101}]}",
            "mirror_percent must have a max value of 100 (it has 101)"),
        warn(
            "mirrorPercent is deprecated",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews}}], "
                + "mirror: {host: reviews, subset: v2}, mirrorPercent: 50}]}",
            "using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead"),
        reject(
            "bad mirror destination",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews}}], "
                + "mirror: {host: reviews, subset: v_2}}]}",
            "subset name is invalid: v_2"),
        reject(
            "bad header regex",
            vs,
            "{hosts: [reviews], http: [{match: [{headers: {end-user: {regex: \"[\"}}}], "
                + "route: [{destination: {host: reviews}}]}]}",
            "\"headers\": error parsing regexp: missing closing ]: "
                + "`[`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)"),
        reject(
            "uri regex with a look-ahead",
            vs,
            "{hosts: [reviews], http: [{match: [{uri: {regex: \"/(?!admin)\"}}],"
                + " route: [{destination: {host: reviews}}]}]}",
            "\"uri\": error parsing regexp: invalid or unsupported Perl syntax: `(?!`"),
        reject(
            "bad scheme regex",
            vs,
            "{hosts: [reviews], http: [{match: [{scheme: {regex: \"(http\"}}],"
                + " route: [{destination: {host: reviews}}]}]}",
            "\"scheme\": error parsing regexp: missing closing ): "),
        reject(
            "bad method regex",
            vs,
            "{hosts: [reviews], http: [{match: [{method: {regex: \"G**\"}}],"
                + " route: [{destination: {host: reviews}}]}]}",
            "\"method\": error parsing regexp: invalid nested"),
        reject(
            "bad authority regex",
            vs,
            "{hosts: [reviews], http: [{match: [{authority: {regex: \"*\"}}],"
                + " route: [{destination: {host: reviews}}]}]}",
            "\"authority\": error parsing regexp: missing argument"),
        reject(
            "bad query param regex",
            vs,
            "{hosts: [reviews], http: [{match: [{queryParams: {u: {regex: \"[\"}}}],"
                + " route: [{destination: {host: reviews}}]}]}",
            "\"queryParams\": error parsing regexp"),
        reject(
            "empty header name in a match",
            vs,
            "{hosts: [reviews], http: [{match: [{headers: {\"\": {exact: a}}}],"
                + " route: [{destination: {host: reviews}}]}]}",
            "header name cannot be empty"),
        reject(
            "empty header name in header operations",
            vs,
            "{hosts: [reviews], http: [{headers: {request: "
                + "{remove: [\"\"]}}, route: [{destination: {host: reviews}}]}]}",
            "header name cannot be empty"),
        accept(
            "null header match is pruned by the API server",
            vs,
            "{hosts: [reviews], http: [{match: [{headers: "
                + "{end-user: null}}], route: [{destination: {host: reviews}}]}]}"),
        accept(
            "upper-case header names are accepted",
            vs,
            "{hosts: [reviews], http: [{match: [{headers: "
                + "{End-User: {exact: jason}}}], route: [{destination: {host: reviews}}]}]}"),
        reject(
            "header value with a single percent",
            vs,
            "{hosts: [reviews], http: [{headers: {request: {set: "
                + "{x-rate: 100%}}}, route: [{destination: {host: reviews}}]}]}",
            "single % not allowed.  Escape by doubling to %% or encase Envoy variable name in pair of %"),
        reject(
            "destination header value with a single percent",
            vs,
            "{hosts: [reviews], http: [{route: "
                + "[{destination: {host: reviews}, headers: {response: {add: {x-a: \"%\"}}}}]}]}",
            "single % not allowed."),
        reject(
            "unsupported CORS method",
            vs,
            "{hosts: [reviews], http: [{corsPolicy: {allowMethods: [GET, PUTT]}, "
                + "route: [{destination: {host: reviews}}]}]}",
            "\"PUTT\" is not a supported HTTP method"),
        reject(
            "CORS maxAge below a second",
            vs,
            "{hosts: [reviews], http: [{corsPolicy: {allowMethods: [GET], "
                + "maxAge: 2.5s}, route: [{destination: {host: reviews}}]}]}",
            "max_age duration is accurate only to seconds precision"),
        reject(
            "empty CORS allowOrigins entry",
            vs,
            "{hosts: [reviews], http: [{corsPolicy: {allowOrigins: "
                + "[{exact: \"\"}]}, route: [{destination: {host: reviews}}]}]}",
            "'' is not a valid match type for CORS allow origins"),
        reject(
            "invalid gateway name",
            vs,
            "{hosts: [reviews], gateways: [b@dgateway], " + R + "}",
            "domain name \"b@dgateway\" invalid (label \"b@dgateway\" invalid)"),
        reject(
            "wildcard gateway name",
            vs,
            "{hosts: [reviews], gateways: [ns1/*], " + R + "}",
            "invalid value for gateway name: \"*\""),
        reject(
            "wildcard gateway namespace",
            vs,
            "{hosts: [reviews], gateways: [\"*/gw\"], " + R + "}",
            "invalid value for namespace: \"*\""),
        warn(
            "legacy gateway name",
            vs,
            "{hosts: [reviews], gateways: [gateway.example], " + R + "}",
            "using legacy gatewayName format \"gateway.example\"; prefer the <namespace>/<name> format: "
                + "\"example/gateway\""),
        reject(
            "invalid sourceNamespace",
            vs,
            "{hosts: [reviews], http: [{match: [{sourceNamespace: Foo_Bar}], "
                + "route: [{destination: {host: reviews}}]}]}",
            "sourceNamespace match Foo_Bar is invalid"),
        reject(
            "invalid sourceLabels value",
            vs,
            "{hosts: [reviews], http: [{match: [{sourceLabels: {version: "
                + "v1/beta}}], route: [{destination: {host: reviews}}]}]}",
            "invalid tag value: \"v1/beta\""),
        reject(
            "invalid sourceLabels key",
            vs,
            "{hosts: [reviews], http: [{match: [{sourceLabels: {\"-x\": a}}], "
                + "route: [{destination: {host: reviews}}]}]}",
            "invalid tag key: \"-x\""),
        reject(
            "exportTo dot and own namespace",
            vs,
            "{hosts: [reviews], exportTo: [default, \".\"], " + R + "}",
            "duplicate entries in exportTo: . and current namespace default"),
        reject(
            "exportTo repeated name",
            vs,
            "{hosts: [reviews], exportTo: [foo, foo], " + R + "}",
            "duplicate entries in exportTo for entry foo"),
        reject(
            "exportTo public and private",
            vs,
            "{hosts: [reviews], exportTo: [\"*\", foo], " + R + "}",
            "cannot have both public (*) and non-public exportTo values for a resource"),
        reject(
            "exportTo invalid entry",
            vs,
            "{hosts: [reviews], exportTo: [Foo_Bar], " + R + "}",
            "only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry"),
        reject(
            "exportTo none",
            vs,
            "{hosts: [reviews], exportTo: [\"~\"], " + R + "}",
            "exportTo ~ (none) is not allowed for Istio configuration objects"),
        reject(
            "root rule with delegate and route",
            vs,
            "{hosts: [reviews], gateways: [gw], http: [{name: r1, "
                + "delegate: {name: d}, route: [{destination: {host: reviews}}]}]}",
            "root HTTP route r1 must not specify route"),
        reject(
            "root rule with delegate and redirect",
            vs,
            "{hosts: [reviews], gateways: [gw], http: [{name: r1, "
                + "delegate: {name: d}, redirect: {uri: /x}}]}",
            "root HTTP route r1 must not specify redirect"),
        reject(
            "delegate using a uri regex",
            vs,
            "{http: [{match: [{uri: {regex: \"/r.*\"}}], route: "
                + "[{destination: {host: reviews}}]}]}",
            "url match does not support regex match for delegating"),
        reject(
            "delegate using a header regex",
            vs,
            "{http: [{match: [{headers: {end-user: {regex: \"j.*\"}}}], "
                + "route: [{destination: {host: reviews}}]}]}",
            "header match end-user does not support regex match for delegating"),
        accept(
            "rules after a catch-all are accepted",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: "
                + "{host: reviews, subset: v1}}]}, {route: [{destination: {host: reviews, subset: v2}}]}]}"),
        reject(
            "two errors are a multierror",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: reviews, "
                + "subset: v1_0}, weight: 50}, {destination: {host: reviews}, weight: 40}]}]}",
            "configuration is invalid: 2 errors occurred:\n\t* subset name is invalid: v1_0\n\t* total destination "
                + "weight 90 != 100\n\n"),
        reject(
            "schema: weight of the wrong type",
            vs,
            "{hosts: [reviews], http: [{route: [{destination: {host: "
                + "reviews}, weight: abc}]}]}",
            "The VirtualService \"rule\" is invalid: spec.http.route.weight: Invalid "
                + "value: \"string\": spec.http.route.weight in body must be of type integer: \"string\""),
        reject(
            "schema: StringMatch with two match types",
            vs,
            "{hosts: [reviews], http: [{match: [{uri: {exact: "
                + "/a, prefix: /b}}], route: [{destination: {host: reviews}}]}]}",
            "spec.http.match.uri in body must validate one and only one schema (oneOf)"),
        reject(
            "schema: yes is a boolean, not a string",
            vs,
            "{hosts: [reviews], http: [{match: [{headers: {x-a: "
                + "{exact: yes}}}], route: [{destination: {host: reviews}}]}]}",
            "spec.http.match.headers.x-a.exact in body must be of type string: \"boolean\""));
  }

  static Stream<Arguments> destinationRuleRules() {
    String dr = "DestinationRule";
    return Stream.of(
        reject("empty host", dr, "{host: \"\"}", "empty domain name not allowed"),
        reject(
            "invalid host",
            dr,
            "{host: reviews!}",
            "domain name \"reviews!\" invalid (label \"reviews!\" invalid)"),
        reject(
            "empty subset name",
            dr,
            "{host: reviews, subsets: [{name: \"\", labels: {version: v1}}]}",
            "subset name cannot be empty"),
        reject(
            "invalid subset name",
            dr,
            "{host: reviews, subsets: [{name: v1.0, labels: {version: v1}}]}",
            "subset name is invalid: v1.0"),
        reject(
            "invalid subset label value",
            dr,
            "{host: reviews, subsets: [{name: v1, labels: {version: v1/beta}}]}",
            "invalid tag value: \"v1/beta\""),
        reject(
            "invalid subset label key",
            dr,
            "{host: reviews, subsets: [{name: v1, labels: {\"-x\": v1}}]}",
            "invalid tag key: \"-x\""),
        reject(
            "empty traffic policy",
            dr,
            "{host: reviews, trafficPolicy: {}}",
            "traffic policy must have at least one field"),
        reject(
            "empty subset traffic policy",
            dr,
            "{host: reviews, subsets: [{name: v1, trafficPolicy: {}}]}",
            "traffic policy must have at least one field"),
        reject(
            "empty connection pool",
            dr,
            "{host: reviews, trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}, "
                + "connectionPool: {}}}",
            "connection pool must have at least one field"),
        reject(
            "negative http1MaxPendingRequests",
            dr,
            "{host: reviews, trafficPolicy: {connectionPool: {http: "
                + "{http1MaxPendingRequests: -1}}}}",
            "http1 max pending requests must be non-negative"),
        reject(
            "negative http2MaxRequests",
            dr,
            "{host: reviews, trafficPolicy: {connectionPool: {http: " + "{http2MaxRequests: -1}}}}",
            "http2 max requests must be non-negative"),
        reject(
            "negative maxRequestsPerConnection",
            dr,
            "{host: reviews, trafficPolicy: {connectionPool: {http: "
                + "{maxRequestsPerConnection: -1}}}}",
            "max requests per connection must be non-negative"),
        reject(
            "negative maxRetries",
            dr,
            "{host: reviews, trafficPolicy: {connectionPool: {http: " + "{maxRetries: -1}}}}",
            "max retries must be non-negative"),
        reject(
            "negative maxConnections",
            dr,
            "{host: reviews, trafficPolicy: {connectionPool: {tcp: " + "{maxConnections: -1}}}}",
            "max connections must be non-negative"),
        reject(
            "UPGRADE with useClientProtocol",
            dr,
            "{host: reviews, trafficPolicy: {connectionPool: {http: "
                + "{h2UpgradePolicy: UPGRADE, useClientProtocol: true}}}}",
            "use client protocol must not be true when H2UpgradePolicy is UPGRADE"),
        reject(
            "maxEjectionPercent above 100",
            dr,
            "{host: reviews, trafficPolicy: {outlierDetection: "
                + "{consecutive5xxErrors: 5, maxEjectionPercent: 150}}}",
            "percentage 150 is not in range 0..100"),
        reject(
            "minHealthPercent above 100",
            dr,
            "{host: reviews, trafficPolicy: {outlierDetection: " + "{minHealthPercent: 150}}}",
            "percentage 150 is not in range 0..100"),
        reject(
            "outlier interval of zero",
            dr,
            "{host: reviews, trafficPolicy: {outlierDetection: " + "{interval: 0s}}}",
            "duration must be greater than 1ms"),
        reject(
            "baseEjectionTime below ms precision",
            dr,
            "{host: reviews, trafficPolicy: {outlierDetection: " + "{baseEjectionTime: 1.5ms}}}",
            "only durations to ms precision are supported"),
        reject(
            "connectTimeout of zero",
            dr,
            "{host: reviews, trafficPolicy: {connectionPool: {tcp: " + "{connectTimeout: 0s}}}}",
            "duration must be greater than 1ms"),
        reject(
            "idleTimeout without unit",
            dr,
            "{host: reviews, trafficPolicy: {connectionPool: {http: " + "{idleTimeout: \"10\"}}}}",
            "error decoding configuration: bad Duration: time: missing unit in "
                + "duration \"10\""),
        warn(
            "consecutiveErrors is deprecated",
            dr,
            "{host: reviews, trafficPolicy: {outlierDetection: " + "{consecutiveErrors: 7}}}",
            "outlier detection consecutive errors is deprecated, use "
                + "consecutiveGatewayErrors or consecutive5xxErrors instead"),
        reject(
            "httpCookie without name",
            dr,
            "{host: reviews, trafficPolicy: {loadBalancer: {consistentHash: "
                + "{httpCookie: {ttl: 0s}}}}}",
            "name required for HttpCookie"),
        reject(
            "httpCookie without ttl",
            dr,
            "{host: reviews, trafficPolicy: {loadBalancer: {consistentHash: "
                + "{httpCookie: {name: user}}}}}",
            "ttl required for HttpCookie"),
        reject(
            "MUTUAL tls without certificate",
            dr,
            "{host: reviews, trafficPolicy: {tls: {mode: MUTUAL, " + "privateKey: /k}}}",
            "client certificate required for mutual tls"),
        reject(
            "MUTUAL tls without key",
            dr,
            "{host: reviews, trafficPolicy: {tls: {mode: MUTUAL, " + "clientCertificate: /c}}}",
            "private key required for mutual tls"),
        accept(
            "MUTUAL tls with credentialName",
            dr,
            "{host: reviews, trafficPolicy: {tls: {mode: MUTUAL, " + "credentialName: secret}}}"),
        reject(
            "port level setting without port",
            dr,
            "{host: reviews, trafficPolicy: {portLevelSettings: "
                + "[{loadBalancer: {simple: RANDOM}}]}}",
            "portTrafficPolicy must have valid port"),
        reject(
            "port level setting without policy",
            dr,
            "{host: reviews, trafficPolicy: {portLevelSettings: " + "[{port: {number: 9080}}]}}",
            "port traffic policy must have at least one field"),
        accept(
            "duplicate subset names are accepted in 1.8",
            dr,
            "{host: reviews, subsets: [{name: v1, labels: "
                + "{version: v1}}, {name: v1, labels: {version: v2}}]}"),
        reject(
            "schema: unsupported load balancer",
            dr,
            "{host: reviews, trafficPolicy: {loadBalancer: {simple: " + "FASTEST}}}",
            "spec.trafficPolicy.loadBalancer.simple: Unsupported value: \"FASTEST\": supported "
                + "values: \"ROUND_ROBIN\", \"LEAST_CONN\", \"RANDOM\", \"PASSTHROUGH\""));
  }

  @org.junit.jupiter.api.Test
  void currentIstioTreatsWeightsAsRelative() {
    ConfigStore store = new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.CURRENT));
    String doc =
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec: {hosts: [r], "
            + "http: [{route: [{destination: {host: r, subset: a}, weight: 3}, {destination: {host: r, subset: b}, "
            + "weight: 1}]}]}\n";
    assertThat(store.apply(doc, "default", "STDIN", ApplyMode.APPLY).ok()).isTrue();
    assertThat(
            store
                .apply(
                    doc.replace("weight: 3", "weight: 0").replace("weight: 1", "weight: 0"),
                    "default",
                    "STDIN",
                    ApplyMode.APPLY)
                .output())
        .contains("total destination weight = 0");
    assertThat(
            store
                .apply(doc.replace("weight: 3", "weight: -1"), "default", "STDIN", ApplyMode.APPLY)
                .output())
        .contains("weight -1 < 0");
  }

  @ParameterizedTest(name = "VirtualService: {0}")
  @MethodSource("virtualServiceRules")
  void virtualServiceRule(
      String name, String kind, String spec, String expectation, String message) {
    check(kind, spec, expectation, message);
  }

  @ParameterizedTest(name = "DestinationRule: {0}")
  @MethodSource("destinationRuleRules")
  void destinationRuleRule(
      String name, String kind, String spec, String expectation, String message) {
    check(kind, spec, expectation, message);
  }

  static void check(String kind, String spec, String expectation, String message) {
    ConfigStore store =
        new ConfigStore(Snapshot.empty(Inventory.bookinfo(), IstioProfile.ISTIO_1_8));
    String doc =
        "apiVersion: networking.istio.io/v1alpha3\nkind: "
            + kind
            + "\nmetadata:\n  name: rule\nspec: "
            + spec
            + "\n";
    ApplyReport report = store.apply(doc, "default", "STDIN", ApplyMode.APPLY);
    switch (expectation) {
      case "reject" -> {
        assertThat(report.ok()).as(report.output()).isFalse();
        assertThat(report.output()).contains(message);
        assertThat(store.current().objects()).isEmpty();
        assertThat(report.results().get(0).line()).as("error position").isNotNull();
        if (!message.startsWith("The ") && !message.contains("spec.")) {
          assertThat(report.output())
              .startsWith(message.contains("error decoding") ? WEBHOOK : INVALID);
        }
      }
      case "warn" -> {
        assertThat(report.ok()).as(report.output()).isTrue();
        assertThat(report.output()).startsWith("Warning: " + message + "\n");
        assertThat(report.output()).endsWith("/rule created\n");
      }
      default -> {
        assertThat(report.ok()).as(report.output()).isTrue();
        assertThat(report.output())
            .isEqualTo(kind.toLowerCase() + ".networking.istio.io/rule created\n");
      }
    }
  }
}
