package dev.trafficlab.server.lessons;

import dev.trafficlab.server.lessons.checks.Check;

/**
 * One step of a lesson.
 *
 * @param number from 1
 * @param html rendered Markdown, host URLs still as the placeholder
 * @param check what the step's Check button verifies
 */
public record LessonStep(int number, String title, String markdown, String html, Check check) {}
