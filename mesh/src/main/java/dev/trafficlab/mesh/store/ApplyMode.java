package dev.trafficlab.mesh.store;

/** kubectl apply (create or update) or kubectl create (AlreadyExists when present). */
public enum ApplyMode {
  APPLY,
  CREATE
}
