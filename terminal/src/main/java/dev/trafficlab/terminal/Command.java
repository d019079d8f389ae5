package dev.trafficlab.terminal;

import io.vertx.core.Future;

/**
 * One command of the lab's shell (echo, kubectl, curl...). Commands are stateless and shared by
 * every sandbox; everything a run needs is in the {@link Invocation}. The future holds the exit
 * code; it completes at once unless the command waits for the mesh or a timer.
 */
@FunctionalInterface
public interface Command {
  Future<Integer> run(Invocation inv);
}
