package dev.trafficlab.server.sandbox;

/**
 * The secrets every server on one sandbox store shares, read once at start: the keys reservations
 * are signed with (so reserved ids, page keys and CSRF tokens outlive a restart and are good on any
 * server) and the store's id, which browser cookies carry in place of a boot id (a restart that
 * kept every sandbox is no news to a learner; a lost store is).
 */
public record SharedKeys(byte[] reservationMacKey, byte[] reservationCipherKey, String storeId) {
  /** The sizes of the two keys: HMAC-SHA256's and AES-128's. */
  public static final int MAC_KEY_BYTES = Reservations.MAC_KEY_BYTES;

  public static final int CIPHER_KEY_BYTES = Reservations.CIPHER_KEY_BYTES;
}
