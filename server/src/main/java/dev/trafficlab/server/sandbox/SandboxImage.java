package dev.trafficlab.server.sandbox;

import dev.trafficlab.mesh.store.StoreState;
import dev.trafficlab.server.lessons.LessonProgress;
import dev.trafficlab.terminal.ShellImage;
import dev.trafficlab.terminal.files.FileChanges;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a learner would be upset to lose of one sandbox, as one immutable value ({@link
 * Sandbox#image()}, {@link Sandbox#restore}): its keys and times, the cluster (objects exactly as
 * stored, what the controller made, the mesh's settings), the files it changed over its lesson's,
 * the shell (variables, definitions, working directory, history with exit codes), each terminal's
 * scrollback and the lesson progress. Not in it: traffic records and live counters (observations,
 * made again as traffic flows), running commands, live terminal sessions, the data plane's
 * connection pools and outlier state.
 *
 * @param config the config store's state; its snapshot grew from the start of {@code lessonId} and
 *     {@code startState}
 * @param terminals each open terminal's scrollback text by name, in the order they were opened
 * @param userGeneration the product page's sign-in count (its tab reloads when it changed)
 * @param changeCount the sandbox's change counter when it was captured ({@link
 *     Sandbox#changeCount()})
 */
public record SandboxImage(
    String id,
    String pageKey,
    String csrfToken,
    String lessonId,
    StartState startState,
    Instant createdAt,
    Instant lastUsedAt,
    StoreState config,
    FileChanges files,
    ShellImage shell,
    LessonProgress.Saved progress,
    Map<String, String> terminals,
    long userGeneration,
    long changeCount) {
  public SandboxImage {
    terminals = Collections.unmodifiableMap(new LinkedHashMap<>(terminals));
  }
}
