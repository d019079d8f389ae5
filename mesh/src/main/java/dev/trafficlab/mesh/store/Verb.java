package dev.trafficlab.mesh.store;

/** The kubectl command a report answers: apply and create send objects, delete removes them. */
public enum Verb {
  APPLY,
  CREATE,
  DELETE
}
