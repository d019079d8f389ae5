package dev.trafficlab.server.lessons;

/**
 * A rendered page of a lesson (intro or finish).
 *
 * @param html rendered Markdown; Katacoda host URLs are still the placeholder of {@link
 *     dev.trafficlab.server.lessons.markdown.KatacodaHostUrls}
 */
public record LessonPage(String title, String markdown, String html) {}
