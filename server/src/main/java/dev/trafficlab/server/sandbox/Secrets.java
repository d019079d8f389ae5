package dev.trafficlab.server.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Unguessable URL-safe tokens: sandbox ids (the secret that controls a sandbox), page keys (open
 * only the product page) and CSRF tokens. 18 random bytes give 24 base64url characters, 144 bits.
 */
public final class Secrets {
  public static final int TOKEN_LENGTH = 24;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{" + TOKEN_LENGTH + "}");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  public Secrets() {
    this(new SecureRandom());
  }

  Secrets(SecureRandom random) {
    this.random = random;
  }

  public String newToken() {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** True when the text has the shape of a token we issue: a cheap filter before any lookup. */
  public static boolean looksLikeToken(String text) {
    return text != null && TOKEN.matcher(text).matches();
  }
}
