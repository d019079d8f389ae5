package dev.trafficlab.server.web;

import dev.trafficlab.server.lessons.Lesson;
import dev.trafficlab.server.lessons.LessonCatalog;
import dev.trafficlab.server.lessons.LessonProgress;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The learner's progress in every lesson, kept by their browser: a browser holds one sandbox, of
 * one lesson, so the progress of the lessons it left would be lost with that sandbox. The cookie
 * holds, per lesson, the step the learner was last on and the steps whose check passed; it is
 * written when a step is shown or its check passes, and read by the catalogue and the lesson pages.
 * It only describes the learner to themselves (a forged value changes nothing but what their own
 * home page says), and unknown lessons or steps in it are ignored.
 *
 * <p>Value: {@code lesson:current:1.2.3~lesson2:1:} (lesson ids are folder names).
 */
final class ProgressCookie {
  static final String NAME = "tl_progress";
  static final Duration MAX_AGE = Duration.ofDays(365);
  private static final int MAX_VALUE = 3000;
  private static final Pattern ENTRY =
      Pattern.compile("([A-Za-z0-9._-]{1,100}):(\\d{1,3}):([\\d.]{0,400})");

  /** Where the learner is in one lesson. */
  record Entry(int currentStep, TreeSet<Integer> passed) {
    Entry {
      passed = new TreeSet<>(passed);
    }
  }

  private ProgressCookie() {}

  /** The cookie's progress for the catalogue's lessons, by lesson id. */
  static Map<String, Entry> read(RoutingContext ctx, LessonCatalog lessons) {
    Map<String, Entry> out = new LinkedHashMap<>();
    Cookie cookie = ctx.request().getCookie(NAME);
    if (cookie == null || cookie.getValue().length() > MAX_VALUE) {
      return out;
    }
    for (String part : cookie.getValue().split("~")) {
      Matcher m = ENTRY.matcher(part);
      if (!m.matches()) {
        continue;
      }
      Optional<Lesson> lesson = lessons.lesson(m.group(1));
      if (lesson.isEmpty()) {
        continue;
      }
      int steps = lesson.get().steps().size();
      int current = Integer.parseInt(m.group(2));
      TreeSet<Integer> passed = new TreeSet<>();
      for (String n : m.group(3).split("\\.")) {
        if (!n.isEmpty() && n.length() <= 3) {
          int step = Integer.parseInt(n);
          if (step >= 1 && step <= steps) {
            passed.add(step);
          }
        }
      }
      out.put(lesson.get().id(), new Entry(current <= steps ? current : 0, passed));
    }
    return out;
  }

  /**
   * The cookie's entry for a lesson merged with what the browser's live sandbox knows of it (the
   * sandbox may have passed checks through the API).
   */
  static Entry merged(Map<String, Entry> cookie, String lesson, Optional<LessonProgress> sandbox) {
    Entry e = cookie.getOrDefault(lesson, new Entry(0, new TreeSet<>()));
    if (sandbox.isEmpty()) {
      return e;
    }
    TreeSet<Integer> passed = new TreeSet<>(e.passed());
    passed.addAll(sandbox.get().passedSteps(lesson));
    int current = sandbox.get().currentStep(lesson);
    return new Entry(current > 0 ? current : e.currentStep(), passed);
  }

  /** Sets the cookie to the progress with one lesson's entry replaced. */
  static void write(
      RoutingContext ctx, Map<String, Entry> progress, String lesson, Entry entry, boolean https) {
    Map<String, Entry> next = new LinkedHashMap<>(progress);
    next.remove(lesson);
    next.put(lesson, entry);
    StringBuilder value = new StringBuilder();
    next.forEach(
        (id, e) -> {
          if (value.length() > 0) {
            value.append('~');
          }
          value.append(id).append(':').append(e.currentStep()).append(':');
          StringBuilder steps = new StringBuilder();
          e.passed().forEach(n -> steps.append(steps.length() == 0 ? "" : ".").append(n));
          value.append(steps);
        });
    ctx.response()
        .addCookie(
            Cookie.cookie(NAME, value.toString())
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX)
                .setSecure(https)
                .setMaxAge(MAX_AGE.toSeconds()));
  }
}
