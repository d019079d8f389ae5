package dev.trafficlab.server.lessons;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sandbox's progress through lessons: the current step and the steps whose Check passed, per
 * lesson. Survives Reset (only the cluster state and files go back to the lesson start).
 */
public final class LessonProgress {
  private final ConcurrentHashMap<String, Integer> currentStep = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<Integer>> passed = new ConcurrentHashMap<>();
  private final AtomicLong revision = new AtomicLong();

  /** The current step and passed steps of every lesson, as one value. */
  public record Saved(Map<String, Integer> currentSteps, Map<String, Set<Integer>> passedSteps) {
    public Saved {
      currentSteps = Map.copyOf(currentSteps);
      TreeMap<String, Set<Integer>> copy = new TreeMap<>();
      passedSteps.forEach((lesson, steps) -> copy.put(lesson, Set.copyOf(steps)));
      passedSteps = Map.copyOf(copy);
    }
  }

  /** Changes with every change of the progress; never repeats. */
  public long revision() {
    return revision.get();
  }

  public Saved saved() {
    TreeMap<String, Set<Integer>> steps = new TreeMap<>();
    passed.forEach((lesson, s) -> steps.put(lesson, new TreeSet<>(s)));
    return new Saved(new TreeMap<>(currentStep), steps);
  }

  /** Takes back progress captured with {@link #saved()}. */
  public void restore(Saved saved) {
    currentStep.clear();
    passed.clear();
    currentStep.putAll(saved.currentSteps());
    saved
        .passedSteps()
        .forEach(
            (lesson, steps) -> {
              Set<Integer> set = ConcurrentHashMap.newKeySet();
              set.addAll(steps);
              passed.put(lesson, set);
            });
    revision.incrementAndGet();
  }

  public int currentStep(String lesson) {
    return currentStep.getOrDefault(lesson, 0);
  }

  public void setCurrentStep(String lesson, int step) {
    if (!Integer.valueOf(step).equals(currentStep.put(lesson, step))) {
      revision.incrementAndGet();
    }
  }

  public void markPassed(String lesson, int step) {
    if (passed.computeIfAbsent(lesson, k -> ConcurrentHashMap.newKeySet()).add(step)) {
      revision.incrementAndGet();
    }
  }

  public Set<Integer> passedSteps(String lesson) {
    return Set.copyOf(passed.getOrDefault(lesson, Set.of()));
  }
}
