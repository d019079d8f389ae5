package dev.trafficlab.mesh.model;

import java.util.List;

/**
 * The one switch for behaviour that differs between Istio versions (istio-semantics.md marks these
 * [master]). Everything version-dependent asks the profile; nothing else tests a version.
 */
public enum IstioProfile {
  /** Istio 1.8.1, the version of the lesson. */
  ISTIO_1_8,
  /** Today's Istio (master, 2025-2026). */
  CURRENT;

  public List<String> servedNetworkingVersions() {
    return this == ISTIO_1_8
        ? List.of("networking.istio.io/v1alpha3", "networking.istio.io/v1beta1")
        : List.of(
            "networking.istio.io/v1",
            "networking.istio.io/v1alpha3",
            "networking.istio.io/v1beta1");
  }

  /**
   * 1.8: weights of two or more destinations must total 100; current Istio treats them as relative.
   */
  public boolean relativeWeights() {
    return this == CURRENT;
  }

  /** 1.8's Envoy: an inverted value matcher never matches a request that lacks the header. */
  public boolean withoutHeadersMatchesMissingHeader() {
    return this == CURRENT;
  }

  /** 1.8 retries 503 by default (retriable-status-codes with 503); 1.24+ does not. */
  public boolean defaultRetryOn503() {
    return this == ISTIO_1_8;
  }

  public String defaultRetryOn() {
    return defaultRetryOn503()
        ? "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes"
        : "connect-failure,refused-stream,unavailable,cancelled";
  }

  /**
   * 1.12+ adds retriable-status-codes to a retryOn that names status codes but not that policy;
   * 1.8.1's retry.ConvertPolicy does not, so there the codes alone retry nothing.
   */
  public boolean retryOnAddsRetriableStatusCodes() {
    return this == CURRENT;
  }

  /**
   * 1.8 translates only exact and regex query-param matches (a prefix becomes a presence check);
   * current Istio all.
   */
  public boolean queryParamPrefixSupported() {
    return this == CURRENT;
  }

  /** 1.8 accepts duplicate subset names in one DestinationRule; current Istio rejects them. */
  public boolean rejectsDuplicateSubsetNames() {
    return this == CURRENT;
  }

  /** "1.8.1" or "current": what `istioctl version` and the lab's hints name. */
  public String displayVersion() {
    return this == ISTIO_1_8 ? "1.8.1" : "current";
  }
}
