package dev.trafficlab.server.terminal;

/**
 * Per-sandbox shell state that persists across commands: working directory, exported variables, history.
 * (Contract stub: the terminal work fills this in.)
 */
public final class ShellState {
}
