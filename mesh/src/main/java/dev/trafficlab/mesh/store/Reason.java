package dev.trafficlab.mesh.store;

/**
 * Why a document was refused. Client-side reasons are kubectl's own (it never sent the object); the
 * others are the API server's status reasons, which kubectl prints in parentheses ("Error from
 * server (NotFound): ...").
 */
public enum Reason {
  /** The text is not YAML or JSON; nothing of it was applied. */
  PARSE_ERROR(Side.CLIENT, ""),
  /**
   * kubectl's client-side validation (apiVersion or kind missing, not an object); it stops reading
   * there.
   */
  CLIENT_VALIDATION(Side.CLIENT, ""),
  /**
   * Not looked at: kubectl stopped reading at an earlier document that failed client-side
   * validation.
   */
  NOT_PROCESSED(Side.CLIENT, ""),
  /**
   * The kind is not served in that apiVersion (for example networking.istio.io/v1 on Istio 1.8).
   */
  UNSERVED_VERSION(Side.CLIENT, ""),
  /** The document names another namespace than the one given with -n. */
  NAMESPACE_MISMATCH(Side.CLIENT, ""),
  /** metadata.name is missing or empty. */
  NAME_REQUIRED(Side.CLIENT, ""),
  /**
   * kubectl's own refusal of a command (a label that already has a value without --overwrite, a
   * patch it cannot apply, a container set image does not find).
   */
  COMMAND_ERROR(Side.CLIENT, ""),
  /** The request is malformed (a patch that is not JSON, a JSON patch op that fails). */
  BAD_REQUEST(Side.SERVER, "BadRequest"),
  NOT_FOUND(Side.SERVER, "NotFound"),
  ALREADY_EXISTS(Side.SERVER, "AlreadyExists"),
  FORBIDDEN(Side.SERVER, "Forbidden"),
  /** The object's metadata or structural schema is invalid; the causes say where. */
  INVALID(Side.SERVER, "Invalid"),
  /** Istio's validating admission webhook denied the object; the causes say where. */
  ADMISSION_DENIED(Side.SERVER, "");

  enum Side {
    CLIENT,
    SERVER
  }

  private final Side side;
  private final String statusReason;

  Reason(Side side, String statusReason) {
    this.side = side;
    this.statusReason = statusReason;
  }

  /** True when the API server answered with this reason (false: kubectl refused before sending). */
  public boolean fromServer() {
    return side == Side.SERVER;
  }

  /**
   * The reason of the API server's Status as kubectl prints it in parentheses; empty when it prints
   * none.
   */
  public String statusReason() {
    return statusReason;
  }

  /** The reason's JSON name: NotFound, AlreadyExists, UnservedVersion, ParseError, ... */
  public String jsonName() {
    StringBuilder b = new StringBuilder();
    for (String word : name().split("_")) {
      b.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return b.toString();
  }

  /**
   * True for the refusals kubectl finds while reading its input, which it reports before any server
   * error.
   */
  boolean whileReading() {
    return this == CLIENT_VALIDATION || this == UNSERVED_VERSION || this == NAMESPACE_MISMATCH;
  }
}
