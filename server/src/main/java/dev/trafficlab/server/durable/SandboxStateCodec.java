package dev.trafficlab.server.durable;

import dev.trafficlab.bookinfo.app.BookinfoMesh;
import dev.trafficlab.mesh.store.Snapshot;
import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.SandboxImage;
import dev.trafficlab.server.sandbox.StartState;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.DateTimeException;

/**
 * A sandbox's state as the bytes a {@link SandboxVault} stores ({@link StoredSandbox#state()}):
 * UTF-8 JSON written with Vert.x's JSON (Jackson), with a format version. Only the difference from
 * the sandbox's lesson start is written (the start is shared and precompiled, the same on every
 * server of one version), so a sandbox after a lesson takes a few kilobytes.
 *
 * <p>The format version goes up when a change of the layout would make an older server misread a
 * state; a server refuses a state of a newer version with a {@link SandboxStateException} saying so
 * (and never half-restores it), and reads every older one it knows.
 *
 * <p>Use: {@code byte[] state = codec.encode(sandbox.image())} where the sandbox's state holds
 * still (its {@link Sandbox.ChangeListener}); {@code Sandbox s = codec.restore(state, dataPlane,
 * clock)} anywhere (it parses and compiles the route table once: do it off the event loop).
 */
public final class SandboxStateCodec {
  /** The layout this server writes and the newest it reads. */
  public static final int FORMAT = 1;

  private final LessonCatalog lessons;

  public SandboxStateCodec(LessonCatalog lessons) {
    this.lessons = lessons;
  }

  /** The state as bytes; for a sandbox saved again and again, {@link #encoder()} is quicker. */
  public byte[] encode(SandboxImage image) {
    return encoder().encode(image);
  }

  /**
   * An encoder for one sandbox's successive states: the same bytes as {@link #encode}, made from
   * what did not change since its last state (use one a sandbox, one thread at a time).
   */
  StateEncoder encoder() {
    return new StateEncoder(this);
  }

  /**
   * The image the bytes hold.
   *
   * @throws SandboxStateException when they are of a newer format, damaged, or name a lesson this
   *     server does not have
   */
  public SandboxImage decode(byte[] state) {
    JsonObject o;
    try {
      o = new JsonObject(Buffer.buffer(state));
    } catch (DecodeException | ClassCastException e) {
      throw new SandboxStateException("the saved sandbox state is not JSON: " + e.getMessage(), e);
    }
    Object format = o.getValue("format");
    if (!(format instanceof Number n) || n.longValue() < 1) {
      throw new SandboxStateException(
          "the saved sandbox state has no format version (\"format\": " + format + ")");
    }
    if (n.longValue() > FORMAT) {
      throw new SandboxStateException(
          "the saved sandbox state is of format "
              + n
              + ", written by a newer server; this server reads formats up to "
              + FORMAT);
    }
    String id = o.getValue("id") instanceof String s ? s : "?";
    try {
      String lessonId = o.getString("lesson");
      StartState startState =
          StartState.byJsonName(o.getString("startState"))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown start state " + o.getValue("startState")));
      Snapshot start = start(lessonId, startState);
      return new SandboxImage(
          o.getString("id"),
          o.getString("pageKey"),
          o.getString("csrfToken"),
          lessonId,
          startState,
          JsonValues.instant(o.getString("createdAt")),
          JsonValues.instant(o.getString("lastUsedAt")),
          ConfigJson.read(o.getJsonObject("config"), start),
          WorkspaceJson.files(o.getJsonObject("files")),
          WorkspaceJson.shell(o.getJsonObject("shell")),
          WorkspaceJson.progress(o.getJsonObject("progress")),
          WorkspaceJson.terminals(o.getJsonObject("terminals")),
          o.getLong("userGeneration"),
          o.getLong("changeCount"));
    } catch (SandboxStateException e) {
      throw e;
    } catch (ClassCastException
        | NullPointerException
        | IllegalArgumentException
        | IndexOutOfBoundsException
        | DateTimeException e) {
      throw new SandboxStateException("the saved state of sandbox " + id + " is damaged: " + e, e);
    }
  }

  /** A sandbox equal to the one whose state these bytes hold, on this data plane and clock. */
  public Sandbox restore(byte[] state, BookinfoMesh dataPlane, Clock clock) {
    SandboxImage image = decode(state);
    Lesson lesson = lesson(image.lessonId());
    return Sandbox.restore(
        image, start(image.lessonId(), image.startState()), lesson.assets(), dataPlane, clock);
  }

  Snapshot start(String lessonId, StartState startState) {
    return startState.startOf(lesson(lessonId));
  }

  private Lesson lesson(String lessonId) {
    return lessons
        .lesson(lessonId)
        .orElseThrow(
            () ->
                new SandboxStateException(
                    "the saved sandbox is of lesson "
                        + lessonId
                        + ", which this server does not have"));
  }
}
