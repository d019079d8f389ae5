package dev.trafficlab.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private final Secrets secrets = new Secrets();

  @Test
  void tokensAreTwentyFourUrlSafeCharacters() {
    for (int i = 0; i < 1000; i++) {
      String token = secrets.newToken();
      assertThat(token).hasSize(24).matches("[A-Za-z0-9_-]{24}");
      assertThat(Secrets.looksLikeToken(token)).isTrue();
    }
  }

  @Test
  void tokensDoNotRepeatAndUseTheWholeAlphabet() {
    Set<String> tokens = new HashSet<>();
    Set<Character> characters = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String token = secrets.newToken();
      assertThat(tokens.add(token)).isTrue();
      token.chars().forEach(c -> characters.add((char) c));
    }
    // 64 symbols of base64url: a generator with little entropy would not reach them all.
    assertThat(characters).hasSize(64);
  }

  @Test
  void onlyTokensOfOurShapeLookLikeTokens() {
    assertThat(Secrets.looksLikeToken(null)).isFalse();
    assertThat(Secrets.looksLikeToken("")).isFalse();
    assertThat(Secrets.looksLikeToken("short")).isFalse();
    assertThat(Secrets.looksLikeToken("A".repeat(23) + "/")).isFalse();
    assertThat(Secrets.looksLikeToken("A".repeat(25))).isFalse();
  }
}
