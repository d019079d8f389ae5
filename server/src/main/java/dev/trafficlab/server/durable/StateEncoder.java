package dev.trafficlab.server.durable;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.trafficlab.mesh.store.ConfigChange;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.mesh.store.StoreState;
import dev.trafficlab.server.lessons.LessonProgress;
import dev.trafficlab.server.sandbox.SandboxImage;
import dev.trafficlab.terminal.ShellImage;
import dev.trafficlab.terminal.files.FileChanges;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes the successive states of one sandbox ({@link SandboxStateCodec}'s format), keeping the
 * JSON of each part from the last state it wrote: a part that did not change since (the files, the
 * progress, the config after a command that only read it) is copied as bytes, and so is each
 * history line written before. A learner's history is most of a state (500 lines are up to 50 KB)
 * and grows by one line a command, so without this every apply would write it all again as JSON;
 * with it an apply writes its config part and one line (docs/benchmarks.md, "Durable sandboxes,
 * fourth round").
 *
 * <p>One encoder a sandbox, used by one thread at a time (its saves are taken one after another).
 * The bytes are those of a fresh encoder: what it keeps changes how fast they are made, never what
 * they are ({@code
 * SandboxStateRoundTripTest.anEncoderThatKeepsLastStatesPartsWritesTheBytesOfAFreshOne}).
 */
final class StateEncoder {
  private static final JsonFactory JSON = new JsonFactory();

  private final SandboxStateCodec codec;
  private final Part<StoreState> config = new Part<>();
  private final Part<FileChanges> files = new Part<>();
  private final Part<LessonProgress.Saved> progress = new Part<>();
  private final Part<Map<String, String>> terminals = new Part<>();

  /** Each history line's JSON string from the last state written, by the line's identity. */
  private final KeptByIdentity<String, SerializedString> historyLines = new KeptByIdentity<>();

  /** Each config change's JSON from the last state written, by the change's identity. */
  private final KeptByIdentity<ConfigChange, JsonObject> changes = new KeptByIdentity<>();

  /**
   * Where a thread writes a state before it is copied out, so a save allocates the state's bytes
   * once; kept for the thread's next state unless it grew past {@link #KEPT_OUTPUT}.
   */
  private static final ThreadLocal<ByteArrayOutputStream> OUTPUT =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(16 * 1024));

  private static final int KEPT_OUTPUT = 256 * 1024;

  private Snapshot configStart;

  StateEncoder(SandboxStateCodec codec) {
    this.codec = codec;
  }

  byte[] encode(SandboxImage image) {
    Snapshot start = codec.start(image.lessonId(), image.startState());
    if (start != configStart) {
      configStart = start;
      config.forget();
    }
    ByteArrayOutputStream out = OUTPUT.get();
    out.reset();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("format", SandboxStateCodec.FORMAT);
      g.writeStringField("id", image.id());
      g.writeStringField("pageKey", image.pageKey());
      g.writeStringField("csrfToken", image.csrfToken());
      g.writeStringField("lesson", image.lessonId());
      g.writeStringField("startState", image.startState().jsonName());
      g.writeStringField("createdAt", image.createdAt().toString());
      g.writeStringField("lastUsedAt", image.lastUsedAt().toString());
      g.writeNumberField("changeCount", image.changeCount());
      g.writeNumberField("userGeneration", image.userGeneration());
      g.writeFieldName("config");
      g.writeRawValue(config.json(image.config(), c -> writeConfig(c, start)));
      g.writeFieldName("files");
      g.writeRawValue(files.json(image.files(), WorkspaceJson::files));
      g.writeFieldName("shell");
      writeShell(g, image.shell());
      g.writeFieldName("progress");
      g.writeRawValue(progress.json(image.progress(), WorkspaceJson::progress));
      g.writeFieldName("terminals");
      g.writeRawValue(terminals.json(image.terminals(), WorkspaceJson::terminals));
      g.writeEndObject();
    } catch (IOException e) {
      // a byte array does no I/O
      throw new UncheckedIOException(e);
    }
    byte[] bytes = out.toByteArray();
    if (bytes.length > KEPT_OUTPUT) {
      OUTPUT.remove();
    }
    return bytes;
  }

  private JsonObject writeConfig(StoreState state, Snapshot start) {
    JsonObject json = ConfigJson.write(state, start, c -> changes.get(c, ConfigJson::change));
    changes.endState();
    return json;
  }

  /** The shell part, as {@link WorkspaceJson#shell(JsonObject)} reads it. */
  private void writeShell(JsonGenerator g, ShellImage s) throws IOException {
    g.writeStartObject();
    g.writeStringField("cwd", s.cwd());
    g.writeFieldName("variables");
    writeStrings(g, s.variables());
    g.writeArrayFieldStart("exported");
    for (String name : new TreeSet<>(s.exported())) {
      g.writeString(name);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("history");
    for (String line : s.history()) {
      g.writeString(historyLines.get(line, SerializedString::new));
    }
    historyLines.endState();
    g.writeEndArray();
    g.writeArrayFieldStart("exitCodes");
    for (Integer code : s.exitCodes()) {
      if (code == null) {
        g.writeNull();
      } else {
        g.writeNumber(code);
      }
    }
    g.writeEndArray();
    g.writeNumberField("historyBase", s.historyBase());
    g.writeNumberField("lastExitCode", s.lastExitCode());
    g.writeFieldName("functions");
    writeStrings(g, s.functions());
    g.writeFieldName("aliases");
    writeStrings(g, s.aliases());
    g.writeEndObject();
  }

  private static void writeStrings(JsonGenerator g, Map<String, String> map) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, String> e : map.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  /**
   * One part's JSON for the value it was last written from; written again only for a value not
   * equal to that one (the parts are immutable values, most compared by identity first).
   */
  private static final class Part<T> {
    private T value;
    private SerializedString json;

    SerializedString json(T now, Function<T, JsonObject> write) {
      if (json == null || !(now == value || now.equals(value))) {
        json = new SerializedString(write.apply(now).encode());
        value = now;
      }
      return json;
    }

    void forget() {
      json = null;
      value = null;
    }
  }

  /**
   * Values made from keys, kept by the keys' identity from one state to the next: a key the last
   * state had gets its value again, a new one gets a new value, and what the new state no longer
   * has is let go when it ends.
   */
  private static final class KeptByIdentity<K, V> {
    private Map<K, V> last = new IdentityHashMap<>();
    private Map<K, V> now = new IdentityHashMap<>();

    V get(K key, Function<K, V> make) {
      V value = now.get(key);
      if (value == null) {
        value = last.get(key);
        if (value == null) {
          value = make.apply(key);
        }
        now.put(key, value);
      }
      return value;
    }

    /** The state is written: what it used is what the next one finds. */
    void endState() {
      last = now;
      now = new IdentityHashMap<>(last.size());
    }
  }
}
