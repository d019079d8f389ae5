package dev.trafficlab.mesh.model;

import java.util.List;
import java.util.Map;

/**
 * One match entry; all present fields are ANDed. Header and query maps keep the names as written.
 */
public record HttpMatchRequest(
    String name,
    StringMatch uri,
    StringMatch scheme,
    StringMatch method,
    StringMatch authority,
    Map<String, StringMatch> headers,
    Map<String, StringMatch> withoutHeaders,
    Map<String, StringMatch> queryParams,
    Integer port,
    Map<String, String> sourceLabels,
    String sourceNamespace,
    List<String> gateways,
    Boolean ignoreUriCase,
    Pos pos) {

  public HttpMatchRequest {
    headers = headers == null ? Map.of() : headers;
    withoutHeaders = withoutHeaders == null ? Map.of() : withoutHeaders;
    queryParams = queryParams == null ? Map.of() : queryParams;
    sourceLabels = sourceLabels == null ? Map.of() : sourceLabels;
    gateways = gateways == null ? List.of() : List.copyOf(gateways);
    pos = pos == null ? Pos.UNKNOWN : pos;
  }
}
