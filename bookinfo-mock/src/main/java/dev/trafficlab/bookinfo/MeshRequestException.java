package dev.trafficlab.bookinfo;

/**
 * A request to the data plane that cannot be carried out as asked (count out of range, unknown
 * pod...). The message names the problem and is meant for the learner; the server answers it with
 * 400.
 */
public final class MeshRequestException extends RuntimeException {
  public MeshRequestException(String message) {
    super(message, null, false, false);
  }
}
