package dev.trafficlab.mesh.validation;

import dev.trafficlab.mesh.model.Pos;

/** One validation message (Istio's exact text) and the position of the node it is about. */
public record Problem(String message, Pos pos) {}
