package dev.trafficlab.server.sandbox;

import dev.trafficlab.server.sandbox.SandboxRegistry.Reservation;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sandbox ids that exist before their sandbox does. A first page view needs an id, a page key and a
 * CSRF token, but a browser that never runs a command should cost nothing: so the three are derived
 * from 12 random bytes under two keys, and nothing is stored. The id carries a MAC of those bytes;
 * the page key is the bytes encrypted (so the product page alone can find the id, yet the id cannot
 * be read from it); the CSRF token is a MAC. Only ids issued under the same keys verify: with
 * sandboxes kept in a vault the keys are the vault's shared secrets, so reservations survive a
 * restart and every server on the vault honours them; in memory only they die with the process.
 */
final class Reservations {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final int RANDOM_BYTES = 12;

  /**
   * The first byte of the random bytes names the lesson (its index), so a reservation knows its
   * lesson too.
   */
  static final int MAX_LESSONS = 256;

  /** The sizes of the two keys: HMAC-SHA256's and AES-128's. */
  static final int MAC_KEY_BYTES = 32;

  static final int CIPHER_KEY_BYTES = 16;

  private final SecureRandom random;
  private final SecretKeySpec macKey;
  private final SecretKeySpec cipherKey;

  /** Under new random keys known to this process only. */
  Reservations(SecureRandom random) {
    this(random, bytes(random, MAC_KEY_BYTES), bytes(random, CIPHER_KEY_BYTES));
  }

  /** Under these keys (a vault's shared secrets). */
  Reservations(SecureRandom random, byte[] macKey, byte[] cipherKey) {
    if (macKey.length != MAC_KEY_BYTES || cipherKey.length != CIPHER_KEY_BYTES) {
      throw new IllegalArgumentException(
          "reservation keys are " + MAC_KEY_BYTES + " and " + CIPHER_KEY_BYTES + " bytes");
    }
    this.random = random;
    this.macKey = new SecretKeySpec(macKey, "HmacSHA256");
    this.cipherKey = new SecretKeySpec(cipherKey, "AES");
  }

  static byte[] bytes(SecureRandom random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  /**
   * A new reservation for the lesson at this index: three tokens of {@link Secrets#TOKEN_LENGTH}
   * characters, nothing remembered.
   */
  Reservation reserve(int lesson) {
    if (lesson < 0 || lesson >= MAX_LESSONS) {
      throw new IllegalArgumentException("no lesson index " + lesson);
    }
    byte[] seed = new byte[RANDOM_BYTES];
    random.nextBytes(seed);
    seed[0] = (byte) lesson;
    return fromSeed(seed);
  }

  /** The reservation behind an id this process issued; empty for any other text. */
  Optional<Reservation> byId(String id) {
    byte[] raw = decode(id);
    if (raw == null) {
      return Optional.empty();
    }
    byte[] seed = Arrays.copyOf(raw, RANDOM_BYTES);
    byte[] tag = Arrays.copyOfRange(raw, RANDOM_BYTES, raw.length);
    return MessageDigest.isEqual(tag, mac("id", seed, raw.length - RANDOM_BYTES))
        ? Optional.of(fromSeed(seed))
        : Optional.empty();
  }

  /** The reservation behind a page key this process issued; empty for any other text. */
  Optional<Reservation> byPageKey(String pageKey) {
    byte[] raw = decode(pageKey);
    if (raw == null) {
      return Optional.empty();
    }
    byte[] sealed = Arrays.copyOf(raw, 16);
    if (!MessageDigest.isEqual(Arrays.copyOfRange(raw, 16, 18), mac("page-tail", sealed, 2))) {
      return Optional.empty();
    }
    byte[] open = aes(Cipher.DECRYPT_MODE, sealed);
    byte[] seed = Arrays.copyOf(open, RANDOM_BYTES);
    return MessageDigest.isEqual(Arrays.copyOfRange(open, RANDOM_BYTES, 16), mac("page", seed, 4))
        ? Optional.of(fromSeed(seed))
        : Optional.empty();
  }

  private Reservation fromSeed(byte[] seed) {
    byte[] id = ByteBuffer.allocate(18).put(seed).put(mac("id", seed, 6)).array();
    byte[] sealed =
        aes(
            Cipher.ENCRYPT_MODE,
            ByteBuffer.allocate(16).put(seed).put(mac("page", seed, 4)).array());
    byte[] pageKey = ByteBuffer.allocate(18).put(sealed).put(mac("page-tail", sealed, 2)).array();
    return new Reservation(
        ENCODER.encodeToString(id),
        ENCODER.encodeToString(pageKey),
        ENCODER.encodeToString(mac("csrf", seed, 18)),
        seed[0] & 0xff);
  }

  private static byte[] decode(String token) {
    if (!Secrets.looksLikeToken(token)) {
      return null;
    }
    return DECODER.decode(token);
  }

  private byte[] mac(String purpose, byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(macKey);
      mac.update(purpose.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      mac.update((byte) 0);
      return Arrays.copyOf(mac.doFinal(data), length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private byte[] aes(int mode, byte[] block) {
    try {
      // One block of random data under a key used for nothing else: ECB is the plain block cipher
      // here.
      Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
      cipher.init(mode, cipherKey);
      return cipher.doFinal(block);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is part of every Java runtime", e);
    }
  }
}
