package dev.trafficlab.mesh.store;

import java.time.Instant;
import java.util.List;

/**
 * Everything a {@link ConfigStore} holds, as one value: what a sandbox keeps when it is saved, and
 * what a new store of the same lesson start takes back with {@link ConfigStore#restore}.
 *
 * @param snapshot the published state
 * @param resourceVersion the last resourceVersion handed out (the next object gets one more)
 * @param lastCreated the latest creationTimestamp handed out (the next is strictly after it), or
 *     null when none was
 * @param changes the latest published changes, oldest first (what the traffic views mark)
 * @param generation how many states the store had published
 */
public record StoreState(
    Snapshot snapshot,
    long resourceVersion,
    Instant lastCreated,
    List<ConfigChange> changes,
    long generation) {
  public StoreState {
    changes = List.copyOf(changes);
  }
}
