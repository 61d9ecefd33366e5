package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A report job made from the browser, in headless Chromium as {@link BrowserEndToEndTest}
 * runs it: log in, open the reports page from the cohort page, send a spec the cohort cannot
 * have (its problem shows at its key), then a good one; the job page names it and turns done by
 * itself, and the list shows it by name. Screenshots go to target/e2e/.
 */
class ReportFormBrowserTest {

    private static final String TOKEN = "browser-form-token";
    private static final Path OUT = Path.of("target", "e2e");

    private static Vertx vertx;
    private static MainVerticle main;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(OUT);
        Path data = Files.createTempDirectory("oncosurv-e2e-form");
        vertx = Vertx.vertx();
        main = new MainVerticle(new ServerConfig("127.0.0.1", 0, data.resolve("data"), TOKEN,
                10 << 20, Path.of("cohorts")));
        vertx.deployVerticle(main).await();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1366,1000", "--user-data-dir="
                        + data.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(
                new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (vertx != null) {
                vertx.close().await();
            }
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + main.port() + path;
    }

    private static void screenshot(String name) throws IOException {
        Files.write(OUT.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Up to 90 s (a loaded machine makes PDFs slowly); a timeout says where the browser was. */
    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(90)) {
            { ignoring(StaleElementReferenceException.class); } // a page reloaded mid-read
            @Override
            protected RuntimeException timeoutException(String message, Throwable cause) {
                try {
                    screenshot("report-form-failure");
                } catch (IOException e) {
                    cause.addSuppressed(e);
                }
                return new org.openqa.selenium.TimeoutException(message + " at "
                        + browser.getCurrentUrl() + "; console: " + browser.manage().logs()
                                .get(LogType.BROWSER).getAll(), cause);
            }
        };
    }

    private static void fill(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    @Test
    @DisplayName("log in, make a report job from the form (a refused spec first, shown at its "
            + "key), see it named, done, and in the list: no console error")
    void makeAReportFromTheForm() throws Exception {
        browser.get(url("/"));
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("login")).click();
        waiting().until(d -> d.findElements(By.id("cohorts")).size() == 1);
        browser.findElement(By.linkText("synthetic-ici-oligometastatic")).click();
        waiting().until(d -> d.findElements(By.id("make-report")).size() == 1);
        browser.findElement(By.id("make-report")).click();
        waiting().until(d -> d.findElements(By.id("report-form")).size() == 1);
        assertEquals("synthetic-ici-oligometastatic", new Select(browser.findElement(
                By.id("form-cohort"))).getFirstSelectedOption().getAttribute("value"));

        fill("form-title", "ICI: OS by LIPI");
        fill("form-endpoints", "os, dfs");
        fill("form-stratifiers", "lipi");
        browser.findElement(By.id("form-submit")).click();
        waiting().until(d -> d.findElements(By.id("spec-problems")).size() == 1);
        List<String> keys = browser.findElements(By.cssSelector("#spec-problems td code"))
                .stream().map(WebElement::getText).toList();
        assertEquals(List.of("endpoints[1]"), keys);
        assertTrue(browser.findElement(By.id("spec-problems")).getText().contains(
                "the cohort 'synthetic-ici-oligometastatic' has no endpoint 'dfs'; it has os, "
                        + "pfs"), browser.findElement(By.id("spec-problems")).getText());
        assertEquals("lipi", browser.findElement(By.id("form-stratifiers"))
                .getAttribute("value"), "the fields are kept");
        screenshot("report-form-refused");

        fill("form-endpoints", "os");
        browser.findElement(By.id("form-submit")).click();
        // the job page reloads itself as its job moves on: read it through the wait, which
        // retries an element that a reload took away
        assertEquals("ICI: OS by LIPI",
                waiting().until(d -> d.findElement(By.id("report-name")).getText()));
        String job = browser.getCurrentUrl();
        assertTrue(job.matches(".*/reports/[0-9a-f-]{36}"), job);
        // the page follows its job and reloads when it is done
        waiting().until(d -> d.findElement(By.id("status")).getText().equals("done"));
        waiting().until(d -> d.findElements(By.cssSelector("#artefacts a")).size() >= 2);
        screenshot("report-form-done");

        browser.findElement(By.linkText("Reports")).click();
        waiting().until(d -> d.findElements(By.id("reports")).size() == 1);
        WebElement row = browser.findElement(By.cssSelector("#reports tbody tr"));
        assertEquals("ICI: OS by LIPI", row.findElement(By.tagName("a")).getText());
        assertEquals(job, row.findElement(By.tagName("a")).getAttribute("href"));
        assertEquals("done", row.findElement(By.cssSelector("td.status")).getText());
        screenshot("report-form-list");

        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        // the refused spec's page is a 422, which Chromium logs; nothing else may be
        assertEquals(List.of(url("/reports") + " - Failed to load resource: the server "
                + "responded with a status of 422 (Unprocessable Entity)"), errors);
    }
}
