package dev.trafficlab.server.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens for state-changing requests made from the pages: an HMAC of the sandbox id under a key that lives
 * only in this process, so nothing is stored per sandbox and another site can neither read nor forge it. The page
 * carries it in {@code <meta name="csrf-token">} and sends it as the X-CSRF-Token header.
 */
public final class CsrfTokens {
  public static final String HEADER = "X-CSRF-Token";
  private static final byte[] KEY = new byte[32];

  static {
    new SecureRandom().nextBytes(KEY);
  }

  private CsrfTokens() {}

  public static String tokenFor(String sandboxId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      byte[] sig = mac.doFinal(("csrf:" + sandboxId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Constant-time comparison of a presented token with the sandbox's. */
  public static boolean matches(String sandboxId, String presented) {
    if (presented == null || sandboxId == null) {
      return false;
    }
    return MessageDigest.isEqual(tokenFor(sandboxId).getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
