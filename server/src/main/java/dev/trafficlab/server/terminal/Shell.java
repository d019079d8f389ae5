package dev.trafficlab.server.terminal;

import io.vertx.core.Future;

/**
 * Runs one command line of the lab's small, safe shell against a sandbox. Never starts a host process.
 * (Contract stub: the terminal work fills this in.)
 */
public final class Shell {
  public static final int MAX_COMMAND_LENGTH = 10_000;

  public Future<ExecResult> exec(TerminalContext ctx, String commandLine) {
    return Future.succeededFuture(new ExecResult("bash: shell is not built yet\n", 127, null));
  }
}
