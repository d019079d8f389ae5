package dev.trafficlab.mesh.store;

/**
 * What kubectl was doing with a document when it failed, which decides how kubectl frames the
 * failure ("error when creating \"f.yaml\": ...").
 *
 * @param operation what kubectl was doing
 * @param source the file as kubectl names it ("STDIN" for -f -); null for commands that name
 *     objects (kubectl delete KIND NAME, kubectl create namespace NAME), which print no such frame
 * @param patch the JSON merge patch kubectl sent (only for {@link Operation#PATCH})
 */
public record Request(Operation operation, String source, String patch) {

  public enum Operation {
    /** Reading the input and mapping each document to a resource, before anything is sent. */
    READ,
    /** Getting the live object to compare with (kubectl apply). */
    RETRIEVE,
    CREATE,
    /** Patching the live object (kubectl apply on an existing object). */
    PATCH,
    DELETE
  }

  static Request of(Operation operation, String source) {
    return new Request(operation, source, null);
  }
}
