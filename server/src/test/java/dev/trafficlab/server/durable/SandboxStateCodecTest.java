package dev.trafficlab.server.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.sandbox.Sandbox;
import dev.trafficlab.server.sandbox.StartState;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Saved states this server cannot take back are refused with a message naming why. */
class SandboxStateCodecTest {
  private static final LessonCatalog CATALOG = LessonCatalog.fromClasspath();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
  private final SandboxStateCodec codec = new SandboxStateCodec(CATALOG);

  private static JsonObject saved(StartState start) {
    Lesson lesson = CATALOG.defaultLesson();
    Sandbox s =
        new Sandbox(
            "id",
            "key",
            "csrf",
            lesson.id(),
            start,
            start.startOf(lesson),
            SandboxFiles.over(lesson.assets(), CLOCK),
            null,
            CLOCK);
    return new JsonObject(
        new String(new SandboxStateCodec(CATALOG).encode(s.image()), StandardCharsets.UTF_8));
  }

  private static byte[] bytes(JsonObject o) {
    return o.encode().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aStateOfANewerFormatIsRefusedSayingSo() {
    JsonObject o = saved(StartState.LESSON).put("format", SandboxStateCodec.FORMAT + 1);
    assertThatThrownBy(() -> codec.decode(bytes(o)))
        .isInstanceOf(SandboxStateException.class)
        .hasMessage(
            "the saved sandbox state is of format "
                + (SandboxStateCodec.FORMAT + 1)
                + ", written by a newer server; this server reads formats up to "
                + SandboxStateCodec.FORMAT);
  }

  @Test
  void aStateWithoutAFormatIsRefused() {
    JsonObject o = saved(StartState.LESSON);
    o.remove("format");
    assertThatThrownBy(() -> codec.decode(bytes(o)))
        .isInstanceOf(SandboxStateException.class)
        .hasMessageContaining("no format version");
  }

  @Test
  void bytesThatAreNotJsonAreRefused() {
    assertThatThrownBy(() -> codec.decode("\u0000\u0001garbage".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SandboxStateException.class)
        .hasMessageStartingWith("the saved sandbox state is not JSON");
  }

  @Test
  void aDamagedStateIsRefusedNamingTheSandbox() {
    JsonObject o = saved(StartState.LESSON);
    o.getJsonObject("config").put("objects", "not a list");
    assertThatThrownBy(() -> codec.decode(bytes(o)))
        .isInstanceOf(SandboxStateException.class)
        .hasMessageStartingWith("the saved state of sandbox id is damaged");
  }

  @Test
  void aStateOfALessonThisServerNoLongerHasIsRefused() {
    JsonObject o = saved(StartState.LESSON).put("lesson", "retired-lesson");
    assertThatThrownBy(() -> codec.decode(bytes(o)))
        .isInstanceOf(SandboxStateException.class)
        .hasMessage(
            "the saved sandbox is of lesson retired-lesson, which this server does not have");
  }

  @Test
  void aStateThatGrewFromAnotherStartOfItsLessonIsRefusedNotMisread() {
    JsonObject o = saved(StartState.LESSON);
    o.getJsonObject("config").put("start", "0123456789abcdef01234567");
    assertThatThrownBy(() -> codec.decode(bytes(o)))
        .isInstanceOf(SandboxStateException.class)
        .hasMessageStartingWith("the saved sandbox grew from another start of its lesson");
  }

  @Test
  void aSandboxWithoutIstioConfigComesBackWithout() {
    byte[] state = bytes(saved(StartState.NONE));
    Sandbox restored = codec.restore(state, null, CLOCK);
    assertThat(restored.startState()).isEqualTo(StartState.NONE);
    assertThat(restored.snapshot().objects()).isEmpty();
    assertThat(restored.snapshot().inventory().pods()).isNotEmpty();
  }
}
