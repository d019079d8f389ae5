package dev.trafficlab.terminal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sandbox's shell state as one value ({@link ShellState#image()}): what a saved sandbox keeps of
 * its shell and {@link ShellState#restore} takes back.
 *
 * @param variables every variable in the order it was first set
 * @param exported the names of the exported variables
 * @param history the history lines, oldest first
 * @param exitCodes each history line's exit code; null for a line that was running
 * @param historyBase how many older lines were dropped (history numbers lines from it)
 * @param functions each function's definition as typed ("greet() { echo hi; }"), by name
 * @param aliases alias values by name
 */
public record ShellImage(
    String cwd,
    Map<String, String> variables,
    Set<String> exported,
    List<String> history,
    List<Integer> exitCodes,
    int historyBase,
    int lastExitCode,
    Map<String, String> functions,
    Map<String, String> aliases) {
  public ShellImage {
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    exported = Set.copyOf(exported);
    history = List.copyOf(history);
    // a running line's code is null, which List.copyOf refuses
    exitCodes = Collections.unmodifiableList(new ArrayList<>(exitCodes));
    functions = Collections.unmodifiableMap(new TreeMap<>(functions));
    aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
    if (exitCodes.size() != history.size()) {
      throw new IllegalArgumentException(
          history.size() + " history lines but " + exitCodes.size() + " exit codes");
    }
  }
}
