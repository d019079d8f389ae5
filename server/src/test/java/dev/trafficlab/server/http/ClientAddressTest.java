package dev.trafficlab.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
  @Test
  void ipv4AddressesAreTheirOwnKey() {
    assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
  }

  @Test
  void ipv6AddressesCountPerSlash64HoweverWritten() {
    assertThat(ClientAddress.key("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientAddress.key("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"))
        .isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientAddress.key("[2001:db8:1:2::9]")).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientAddress.key("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
  }

  @Test
  void anythingElseIsNoAddress() {
    assertThat(ClientAddress.key("example.com")).isNull();
    assertThat(ClientAddress.key("1.2.3")).isNull();
    assertThat(ClientAddress.key(":::::::::")).isNull();
    assertThat(ClientAddress.key("")).isNull();
  }
}
