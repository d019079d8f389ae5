package dev.trafficlab.mesh.inventory;

import java.time.Instant;

/**
 * One event as kubectl get events and describe show it.
 *
 * @param objectKind the involved object's kind (Pod, ReplicaSet, Deployment)
 * @param type Normal or Warning
 * @param source the component that reported it (default-scheduler, kubelet, deployment-controller,
 *     replicaset-controller)
 */
public record Event(
    String namespace,
    String objectKind,
    String objectName,
    String type,
    String reason,
    String message,
    Instant at,
    String source) {}
