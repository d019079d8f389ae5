package dev.trafficlab.terminal.kubectl;

/**
 * Where a pod is in its start (or end), as the kubelet reports it: each stage fixes the phase, the
 * init and app container states and readiness that kubectl's STATUS column is computed from.
 */
enum PodStage {
  /** Accepted, not yet given containers: phase Pending, no container statuses. */
  PENDING,
  /** Without a sidecar: the app containers are being created (ContainerCreating). */
  CONTAINER_CREATING,
  /** With a sidecar: istio-init has not finished (Init:0/1). */
  INITIALIZING,
  /** With a sidecar: istio-init completed, the containers are starting (PodInitializing). */
  POD_INITIALIZING,
  RUNNING,
  /** Deleted, still shutting down: Running containers and a deletionTimestamp (Terminating). */
  TERMINATING
}
