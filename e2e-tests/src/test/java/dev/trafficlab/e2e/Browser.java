package dev.trafficlab.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One headless Chromium, with the explicit waits the tests use instead of sleeping. */
final class Browser implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(50);

  private final String label;
  private final ChromeDriver driver;
  private final Path profile;

  Browser(String label, ChromeDriver driver, Path profile) {
    this.label = label;
    this.driver = driver;
    this.profile = profile;
  }

  String label() {
    return label;
  }

  WebDriver driver() {
    return driver;
  }

  <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return waitFor(what, WAIT, condition);
  }

  <T> T waitFor(String what, Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, POLL)
        .withMessage(what)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Waits until the element exists and is shown. */
  WebElement visible(String css) {
    return waitFor(
        "waiting for `" + css + "` to be visible",
        d -> {
          WebElement e = d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null);
          return e != null && e.isDisplayed() ? e : null;
        });
  }

  WebElement present(String css) {
    return waitFor(
        "waiting for `" + css + "` to exist",
        d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Scrolls the element into view first, so a click lands on it even in a scrolled pane. */
  void click(WebElement element) {
    js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
    element.click();
  }

  void get(String url) {
    driver.switchTo().defaultContent();
    driver.get(url);
  }

  /**
   * Forgets everything the lab knows this browser by (its sandbox cookie, the product page's
   * sign-in cookie, local storage), so the next page visit gets a fresh sandbox.
   */
  void forgetSandbox(String origin) {
    driver.switchTo().defaultContent();
    try {
      driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
      driver.executeCdpCommand(
          "Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
    } catch (RuntimeException cdpUnavailable) {
      driver.manage().deleteAllCookies();
    }
    driver.get("about:blank");
  }

  /** Saves a screenshot and the page source, for a failed test. */
  void saveArtifacts(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    driver.switchTo().defaultContent();
    Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    Files.writeString(
        dir.resolve(name + ".html"),
        "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temp directory is harmless.
    }
  }
}
