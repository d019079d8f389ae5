package dev.trafficlab.server.lessons;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sandbox's progress through lessons: the current step and the steps whose Check passed, per
 * lesson. Survives Reset (only the cluster state and files go back to the lesson start).
 */
public final class LessonProgress {
  private final ConcurrentHashMap<String, Integer> currentStep = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<Integer>> passed = new ConcurrentHashMap<>();

  public int currentStep(String lesson) {
    return currentStep.getOrDefault(lesson, 0);
  }

  public void setCurrentStep(String lesson, int step) {
    currentStep.put(lesson, step);
  }

  public void markPassed(String lesson, int step) {
    passed.computeIfAbsent(lesson, k -> ConcurrentHashMap.newKeySet()).add(step);
  }

  public Set<Integer> passedSteps(String lesson) {
    return Set.copyOf(passed.getOrDefault(lesson, Set.of()));
  }
}
