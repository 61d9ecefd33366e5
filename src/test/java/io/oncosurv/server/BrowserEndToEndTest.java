package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
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
 * The pages as a clinician uses them, in headless Chromium (Debian's chromium and
 * chromium-driver, installed by .ci/run): log in with the token, open a cohort, change the
 * stratifier, download the table as CSV, open the panel, log out. Screenshots go to
 * target/e2e/; the browser's console must show no error (a CSP violation would be one).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserEndToEndTest {

    private static final String TOKEN = "browser-test-token";
    private static final Path OUT = Path.of("target", "e2e");

    private static Vertx vertx;
    private static MainVerticle main;
    private static ChromeDriver browser;
    private static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(OUT);
        Path data = Files.createTempDirectory("oncosurv-e2e");
        downloads = Files.createDirectories(OUT.resolve("downloads"));
        try (var old = Files.list(downloads)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        vertx = Vertx.vertx();
        main = new MainVerticle(new ServerConfig("127.0.0.1", 0, data.resolve("data"), TOKEN,
                10 << 20, Path.of("cohorts")));
        vertx.deployVerticle(main).await();
        browser = chromium(data.resolve("profile"));
    }

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // the flags that keep Chromium off the network this machine does not reach
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1366,1000", "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + main.port() + path;
    }

    private static void screenshot(String name) throws IOException {
        Files.write(OUT.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Waits up to 45 s (a loaded CI machine); on a timeout, the failure says where the browser
     * was and what it logged.
     */
    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(45)) {
            { ignoring(StaleElementReferenceException.class); } // a page reloaded mid-read
            @Override
            protected RuntimeException timeoutException(String message, Throwable cause) {
                try {
                    screenshot("failure");
                } catch (IOException e) {
                    cause.addSuppressed(e);
                }
                return new org.openqa.selenium.TimeoutException(message + " at "
                        + browser.getCurrentUrl() + "; console: " + browser.manage().logs()
                                .get(LogType.BROWSER).getAll(), cause);
            }
        };
    }

    /** Whether an image finished loading with content (a broken one has naturalWidth 0). */
    private static boolean loaded(WebElement image) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0;", image);
    }

    @Test
    @Order(1)
    @DisplayName("log in, open a cohort, change the stratifier, download the CSV, open the panel, "
            + "log out: with no browser console error")
    void clinicianSession() throws Exception {
        browser.get(url("/"));
        assertTrue(browser.getCurrentUrl().startsWith(url("/login")), browser.getCurrentUrl());
        screenshot("01-login");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("login")).click();
        waiting().until(d -> d.findElements(By.id("cohorts")).size() == 1);
        assertEquals(3, browser.findElements(By.cssSelector("#cohorts tbody tr")).size());
        screenshot("02-cohorts");

        browser.findElement(By.linkText("synthetic-ici-oligometastatic")).click();
        waiting().until(d -> d.findElements(By.id("endpoints")).size() == 1);
        assertEquals(2, browser.findElements(By.cssSelector("#endpoints tbody tr")).size());
        screenshot("03-cohort");

        browser.findElement(By.linkText("Analyse overall survival")).click();
        waiting().until(d -> d.findElements(By.id("groups")).size() == 1);
        assertEquals(1, browser.findElements(By.cssSelector("#groups tbody tr")).size());
        // the select submits the form by itself (oncosurv.js): no button pressed
        new Select(browser.findElement(By.id("by"))).selectByValue("lipi");
        waiting().until(d -> d.getCurrentUrl().contains("by=lipi")
                && d.findElements(By.cssSelector("#groups tbody tr")).size() == 3);
        List<String> groups = browser.findElements(By.cssSelector("#groups tbody tr td:first-child"))
                .stream().map(WebElement::getText).toList();
        // the page names each group by its rule; the CSV below keeps the API's labels
        assertEquals(List.of("LIPI good (dNLR < 3, LDH ≤ ULN)",
                "LIPI intermediate (dNLR ≥ 3 or LDH > ULN)", "LIPI poor (dNLR ≥ 3, LDH > ULN)"),
                groups);
        assertEquals("LIPI", browser.findElement(By.cssSelector("#groups thead th")).getText());
        waiting().until(d -> loaded(d.findElement(By.id("km-figure"))));
        screenshot("04-analysis-lipi");

        browser.findElement(By.id("download-csv")).click();
        Path csv = downloads.resolve("survival.csv");
        waiting().until(d -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("group,n,events,median,"), lines.get(0));
        assertEquals(List.of("good", "intermediate", "poor"), lines.stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).toList());

        // two groups: the adjusted comparison, columns ticked, figures loaded
        new Select(browser.findElement(By.id("by"))).selectByValue("arm");
        waiting().until(d -> d.getCurrentUrl().contains("by=arm")
                && d.findElements(By.id("adjusted-form")).size() == 1);
        for (String column : List.of("age", "sex", "pdl1_tps", "ldh")) {
            browser.findElement(By.cssSelector("#adjusted-form input[name=adjust][value="
                    + column + "]")).click();
        }
        browser.findElement(By.id("adjust-update")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#adjusted-comparison "
                + ".weighted-caption")).size() == 1);
        String hr = browser.findElement(By.cssSelector("#adjusted-comparison .weighted-hr"))
                .getText();
        assertTrue(hr.startsWith("ICI+LAT vs ICI: weighted HR "), hr);
        List<WebElement> figures = browser.findElements(By.cssSelector(
                "#adjusted-comparison img.figure"));
        assertEquals(2, figures.size(), "weighted curves and balance");
        waiting().until(d -> loaded(figures.get(0)) && loaded(figures.get(1)));
        ((JavascriptExecutor) browser).executeScript(
                "document.getElementById('adjusted-comparison').scrollIntoView();");
        screenshot("04a-adjusted-comparison");
        new Select(browser.findElement(By.id("by"))).selectByValue("lipi");
        waiting().until(d -> d.getCurrentUrl().contains("by=lipi")
                && d.findElements(By.id("adjusted-unavailable")).size() == 1);

        // a subset typed in the form is named in the title and kept when the endpoint changes
        browser.findElement(By.id("subset")).sendKeys("arm:ICI");
        browser.findElement(By.id("update")).click();
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().endsWith(
                "Overall survival by LIPI (subset arm = ICI)"));
        new Select(browser.findElement(By.id("endpoint"))).selectByValue("pfs");
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().endsWith(
                "Progression-free survival by LIPI (subset arm = ICI)"));
        assertEquals("arm:ICI", browser.findElement(By.id("subset")).getAttribute("value"));
        screenshot("04b-analysis-subset");

        browser.get(url("/cohorts/" + browser.getCurrentUrl().split("/cohorts/")[1]
                .split("/")[0] + "/panel"));
        waiting().until(d -> d.findElements(By.id("panel")).size() == 1);
        waiting().until(d -> loaded(d.findElement(By.id("forest-figure"))));
        assertTrue(browser.findElement(By.id("panel")).getText().contains("LIPI"));
        screenshot("05-panel");

        // the panel's subset field too: named in the title, kept when the endpoint changes
        browser.findElement(By.id("subset")).sendKeys("arm:ICI");
        browser.findElement(By.id("update")).click();
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().endsWith(
                "TME panel, overall survival (subset arm = ICI)"));
        new Select(browser.findElement(By.id("endpoint"))).selectByValue("pfs");
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().endsWith(
                "TME panel, progression-free survival (subset arm = ICI)"));
        assertEquals("arm:ICI", browser.findElement(By.id("subset")).getAttribute("value"));
        waiting().until(d -> loaded(d.findElement(By.id("forest-figure"))));
        screenshot("05b-panel-subset");

        browser.findElement(By.cssSelector(".logout button")).click();
        waiting().until(d -> d.getCurrentUrl().startsWith(url("/login")));
        browser.get(url("/"));
        assertTrue(browser.getCurrentUrl().startsWith(url("/login")), "logged out");

        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors);
    }

    @Test
    @Order(2)
    @DisplayName("an open report page follows its job, and refreshes itself when a new version of "
            + "the cohort it follows is uploaded")
    void reportPageRefreshes() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String spec = "{\"cohort\": \"synthetic-egfr-tki-oligoprogressive\", \"stratifiers\": "
                + "[\"lipi\"], \"follow\": true, \"outputs\": [\"html\", \"pdf\"]}";
        String id = new io.vertx.core.json.JsonObject(http.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(url("/api/reports")))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(spec)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body()).getString("id");

        browser.get(url("/login?next=%2Freports%2F" + id));
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("login")).click();
        waiting().until(d -> d.findElements(By.id("report-frame")).size() == 1);
        waiting().until(d -> d.findElement(By.id("report-job")).getText().contains("revision 1"));
        WebElement frame = browser.findElement(By.id("report-frame"));
        browser.switchTo().frame(frame);
        waiting().until(d -> d.findElements(By.id("summary")).size() == 1);
        browser.switchTo().defaultContent();
        screenshot("06-report-revision-1");

        // a new data cut of the followed cohort: the open page is told, and reloads itself
        byte[] cohort = Files.readAllBytes(Path.of("cohorts",
                "synthetic-egfr-tki-oligoprogressive.csv"));
        String text = new String(cohort, java.nio.charset.StandardCharsets.UTF_8);
        String nextCut = text.substring(0, text.stripTrailing().lastIndexOf('\n') + 1);
        assertEquals(201, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                url("/api/cohorts?name=synthetic-egfr-tki-oligoprogressive")))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(nextCut)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        waiting().until(d -> d.findElements(By.id("report-job")).size() == 1
                && d.findElement(By.id("report-job")).getText().contains("revision 2")
                && d.findElement(By.id("status")).getText().equals("done"));
        screenshot("07-report-revision-2");

        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors);
    }

    @Test
    @Order(3)
    @DisplayName("XSS payloads in a cohort's name, column names and group labels are shown as "
            + "text on every page: no script runs, the console stays clean")
    void hostileTextStaysText() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String csv = "patient_id,os_months,os_event,\"<svg onload=window.__xss=2>\"\n"
                + "a,1,1,<img src=x onerror=window.__xss=3>\nb,2,0,<img src=x onerror=window.__xss=3>\n"
                + "c,3,1,\"</td><script>window.__xss=4</script>\"\nd,4,1,\"</td><script>window.__xss=4</script>\"\n";
        String name = "<img src=x onerror=window.__xss=1>";
        var created = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(
                "/api/cohorts?name=" + java.net.URLEncoder.encode(name,
                        java.nio.charset.StandardCharsets.UTF_8))))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String id = new io.vertx.core.json.JsonObject(created.body()).getString("id");
        String column = new io.vertx.core.json.JsonObject(created.body()).getJsonArray("columns")
                .getString(3);

        browser.get(url("/login?next=%2F"));
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("login")).click();
        waiting().until(d -> d.findElements(By.id("cohorts")).size() == 1);
        String by = java.net.URLEncoder.encode(column, java.nio.charset.StandardCharsets.UTF_8);
        for (String page : List.of("/", "/cohorts/" + id, "/cohorts/" + id
                + "/analysis?endpoint=os&by=" + by, "/cohorts/" + id + "/panel")) {
            browser.get(url(page));
            waiting().until(d -> ((JavascriptExecutor) d).executeScript(
                    "return document.readyState").equals("complete"));
            assertEquals(null, ((JavascriptExecutor) browser).executeScript(
                    "return window.__xss === undefined ? null : window.__xss;"), page);
            assertTrue(browser.getPageSource().contains("&lt;img src=x onerror=window.__xss")
                    || page.endsWith("/panel"), page + " shows the payload as text");
        }
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains(name),
                "the name reads as written");
        screenshot("08-hostile-text");
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, "an escaped payload makes no request and no CSP report");
    }
}
