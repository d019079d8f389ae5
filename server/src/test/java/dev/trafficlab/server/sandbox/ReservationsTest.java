package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.server.sandbox.SandboxRegistry.Reservation;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ReservationsTest {
  private final Reservations reservations = new Reservations(new SecureRandom());

  @Test
  void theIdAndThePageKeyEachLeadBackToTheSameReservation() {
    Reservation r = reservations.reserve();
    assertThat(reservations.byId(r.id())).contains(r);
    assertThat(reservations.byPageKey(r.pageKey())).contains(r);
    assertThat(Secrets.looksLikeToken(r.id())).isTrue();
    assertThat(Secrets.looksLikeToken(r.pageKey())).isTrue();
    assertThat(Secrets.looksLikeToken(r.csrfToken())).isTrue();
    assertThat(r.csrfToken()).isNotIn(r.id(), r.pageKey());
  }

  @Test
  void tokensNotIssuedHereOrMixedUpAreRefused() {
    Reservation r = reservations.reserve();
    assertThat(reservations.byId(r.pageKey())).isEmpty();
    assertThat(reservations.byPageKey(r.id())).isEmpty();
    assertThat(reservations.byId(new Secrets().newToken())).isEmpty();
    assertThat(reservations.byPageKey(new Secrets().newToken())).isEmpty();
    char last = r.id().charAt(23);
    assertThat(reservations.byId(r.id().substring(0, 23) + (last == 'A' ? 'B' : 'A'))).isEmpty();
    // Another server run (another key) issued it: not ours.
    assertThat(new Reservations(new SecureRandom()).byId(r.id())).isEmpty();
  }
}
