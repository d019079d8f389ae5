package dev.trafficlab.mesh.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** retry_on as the data plane reads it, parsed once with the policy that carries it. */
class RetryConditionsTest {

  @Test
  void defaultPolicyRetriesOnlyTheListedStatusOnHttp() {
    RetryConditions d =
        new RetryPolicy(
                2,
                "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
                List.of(503),
                0)
            .conditions();
    assertThat(d.retriesStatus(503)).isTrue();
    assertThat(d.retriesStatus(500)).isFalse();
    assertThat(d.retriesStatus(504)).isFalse();
    assertThat(d.retriesPerTryTimeout()).isFalse();
    assertThat(d.retriesConnectFailure()).isTrue();
  }

  @Test
  void gatewayErrorAndNumericEntries() {
    RetryConditions g = new RetryPolicy(3, "gateway-error,409", List.of(), 0).conditions();
    assertThat(g.retriesStatus(502)).isTrue();
    assertThat(g.retriesStatus(409)).isTrue();
    assertThat(g.retriesStatus(500)).isFalse();
    assertThat(g.retriesPerTryTimeout()).isTrue();
  }

  @Test
  void noAttemptsMeansNoConditions() {
    assertThat(new RetryPolicy(0, "5xx", List.of(), 0).conditions())
        .isEqualTo(RetryConditions.NONE);
    assertThat(RetryPolicy.DISABLED.conditions().retriesStatus(500)).isFalse();
  }

  @Test
  void conditionsAreDerivedNeverTakenFromTheCaller() {
    RetryConditions wrong = new RetryConditions(true, true, true, true, true, Set.of(404));
    RetryPolicy p = new RetryPolicy(2, "connect-failure", List.of(), 0, wrong);
    assertThat(p.conditions().retriesStatus(404)).isFalse();
    assertThat(p).isEqualTo(new RetryPolicy(2, "connect-failure", List.of(), 0));
  }

  @Test
  void compiledRoutesCarryTheirParsedConditions() {
    RouteTable t = Mesh.bookinfo().destinationRuleAll().table();
    Decision d = t.resolve(Requests.reviews());
    assertThat(d.retries().conditions().retriesConnectFailure()).isTrue();
    assertThat(d.retries().conditions().retriesStatus(503)).isTrue();
  }
}
