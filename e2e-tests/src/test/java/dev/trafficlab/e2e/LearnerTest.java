package dev.trafficlab.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser test class: the shared lab, one browser for the class, a fresh sandbox and failure
 * artifacts per test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({LabExtension.class, BrowserExtension.class})
@interface LearnerTest {}
