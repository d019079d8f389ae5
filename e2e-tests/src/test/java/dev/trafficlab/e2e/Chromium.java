package dev.trafficlab.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's Chromium through Debian's chromedriver, both by explicit path, so Selenium
 * Manager never runs (it would try to download a browser). Without the binaries the browser tests
 * are skipped, except on CI ({@code CI=true}), where a missing browser must fail the build rather
 * than silently test nothing.
 */
final class Chromium {
  static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

  private Chromium() {}

  static void requireInstalled() {
    for (Path binary : new Path[] {BROWSER, DRIVER}) {
      if (!Files.isExecutable(binary)) {
        String message =
            binary
                + " is missing: install Debian's chromium and chromium-driver packages "
                + "(`apt-get install -y chromium chromium-driver`, as .ci/run does) to run the browser tests";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new IllegalStateException("CI=true and " + message);
        }
        Assumptions.abort(message);
      }
    }
  }

  /** A fresh headless browser with its own throw-away profile. */
  static Browser start(String label) {
    requireInstalled();
    Path profile;
    try {
      profile = Files.createTempDirectory("trafficlab-chromium-");
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot create a Chromium profile directory: " + e.getMessage(), e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--window-size=1280,900",
        "--user-data-dir=" + profile,
        // Nothing but the lab on loopback: a CDN link or any call out would fail here, as it must
        // offline.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
    options.setPageLoadTimeout(Duration.ofSeconds(30));
    options.setScriptTimeout(Duration.ofSeconds(15));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .withSilent(true)
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    return new Browser(label, driver, profile);
  }
}
