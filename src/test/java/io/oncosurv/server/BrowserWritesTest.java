package io.oncosurv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * The pages that write, in headless Chromium as BrowserEndToEndTest runs it: a statistician
 * uploads a file (picked) and sees its link and warnings, drops a bad one and sees its problems
 * by row and column; the admin makes a token, sees it once, revokes it, and deletes a cohort
 * through its confirmation. The console must stay clean (a CSP violation would show there).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserWritesTest {

    private static final String TOKEN = "browser-writes-token";
    private static final Path OUT = Path.of("target", "e2e");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Vertx vertx;
    private static MainVerticle main;
    private static ChromeDriver browser;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(OUT);
        work = Files.createTempDirectory("oncosurv-writes");
        vertx = Vertx.vertx();
        main = new MainVerticle(new ServerConfig("127.0.0.1", 0, work.resolve("data"), TOKEN,
                10 << 20, work.resolve("no-samples")));
        vertx.deployVerticle(main).await();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1366,1000",
                "--user-data-dir=" + work.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort()
                .build(), options);
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

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(45)) {
            { ignoring(StaleElementReferenceException.class); } // a page reloaded mid-read
            @Override
            protected RuntimeException timeoutException(String message, Throwable cause) {
                try {
                    Files.write(OUT.resolve("writes-failure.png"),
                            browser.getScreenshotAs(OutputType.BYTES));
                } catch (java.io.IOException e) {
                    cause.addSuppressed(e);
                }
                return new org.openqa.selenium.TimeoutException(message + " at "
                        + browser.getCurrentUrl() + "; console: " + browser.manage().logs()
                                .get(LogType.BROWSER).getAll(), cause);
            }
        };
    }

    private static void screenshot(String name) throws java.io.IOException {
        Files.write(OUT.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static HttpResponse<String> api(String method, String path, String token,
            String type, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token);
        if (type != null) {
            r.header("Content-Type", type);
        }
        return HTTP.send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void logIn(String token) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login?next=%2F"));
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("login")).click();
        waiting().until(d -> d.getCurrentUrl().equals(url("/"))
                && d.findElements(By.tagName("h1")).size() == 1
                && d.findElement(By.tagName("h1")).getText().equals("Cohorts"));
    }

    private static List<String> cells(String selector) {
        return browser.findElements(By.cssSelector(selector)).stream().map(WebElement::getText)
                .toList();
    }

    /** No console error but Chromium's notes of the refusals the test asked for (422). */
    private static void consoleIsClean() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).filter(m -> !((m.contains("/upload?name=browser-bad")
                        || m.contains("/upload?name=browser-labels"))
                        && m.contains("status of 422"))).toList();
        assertEquals(List.of(), errors);
    }

    @Test
    @Order(1)
    @DisplayName("a statistician uploads a picked file (progress, link, warnings), then drops a "
            + "bad one and sees its problems by row and column, and gives value labels (a refused "
            + "value named; then listed on the cohort page)")
    void statisticianUploads() throws Exception {
        String statistician = new io.vertx.core.json.JsonObject(api("POST", "/api/tokens", TOKEN,
                "application/json", "{\"role\": \"statistician\", \"name\": \"e2e\"}").body())
                .getString("token");
        logIn(statistician);
        assertEquals(0, browser.findElements(By.id("tokens-link")).size(), "admin only");
        browser.findElement(By.id("upload-link")).click();
        waiting().until(d -> d.findElements(By.id("upload-form")).size() == 1);
        Path good = Files.writeString(work.resolve("browser-upload.csv"),
                "patient_id,os_months,os_event,pfs_months,pfs_event\n"
                        + "a,5,1,8,1\nb,6,0,3,1\nc,9,1,4,0\n");
        // the bar's text as it changes, kept for the assertion below
        ((JavascriptExecutor) browser).executeScript("window.__progress = [];"
                + "new MutationObserver(function () { window.__progress.push("
                + "document.getElementById('upload-progress-text').textContent); })"
                + ".observe(document.getElementById('upload-progress-text'), "
                + "{childList: true, characterData: true, subtree: true});");
        browser.findElement(By.id("upload-file")).sendKeys(good.toAbsolutePath().toString());
        assertEquals("browser-upload", browser.findElement(By.id("upload-name"))
                .getAttribute("value"), "the name is taken from the file's");
        browser.findElement(By.id("upload-submit")).click();
        waiting().until(d -> d.findElements(By.id("new-cohort-link")).size() == 1);
        assertEquals("Uploaded browser-upload, version 1, 3 patients. Open the cohort",
                browser.findElement(By.id("upload-accepted")).getText());
        assertEquals(List.of("2", "pfs_months", "PFS is longer than OS (8.0 > 5.0 months)"),
                cells("#upload-warnings tbody tr:first-child td"));
        @SuppressWarnings("unchecked")
        List<String> progress = (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return window.__progress;");
        assertTrue(progress.stream().anyMatch(p -> p.matches("100 % of \\d+ bytes sent")),
                "the bar reached 100 %: " + progress);
        screenshot("11-upload-accepted");

        // the same name again: the next version
        browser.findElement(By.id("upload-file")).sendKeys(good.toAbsolutePath().toString());
        browser.findElement(By.id("upload-submit")).click();
        waiting().until(d -> d.findElements(By.id("upload-accepted")).size() == 1
                && d.findElement(By.id("upload-accepted")).getText().contains("unchanged"));
        assertEquals("Already stored, unchanged: browser-upload, version 1, 3 patients. Open "
                + "the cohort", browser.findElement(By.id("upload-accepted")).getText());
        Path next = Files.writeString(work.resolve("next.csv"), "patient_id,os_months,os_event\n"
                + "a,5,1\nb,6,0\nc,9,1\nd,2,1\n");
        browser.findElement(By.id("upload-file")).sendKeys(next.toAbsolutePath().toString());
        assertEquals("browser-upload", browser.findElement(By.id("upload-name"))
                .getAttribute("value"), "a typed name is kept");
        assertEquals("A cohort of this name exists: the file becomes its next version.",
                browser.findElement(By.id("upload-version-note")).getText());
        browser.findElement(By.id("upload-submit")).click();
        waiting().until(d -> d.findElements(By.id("upload-accepted")).size() == 1
                && d.findElement(By.id("upload-accepted")).getText().contains("version 2"));
        assertEquals("No warnings.", browser.findElement(By.id("upload-no-warnings")).getText());
        browser.findElement(By.id("new-cohort-link")).click();
        waiting().until(d -> d.findElements(By.id("endpoints")).size() == 1);
        assertEquals("browser-upload version 2", browser.findElement(By.tagName("h1"))
                .getText());

        browser.get(url("/upload"));
        waiting().until(d -> d.findElements(By.id("upload-form")).size() == 1);

        // a bad file, dropped on the zone
        WebElement name = browser.findElement(By.id("upload-name"));
        name.clear();
        name.sendKeys("browser-bad");
        ((JavascriptExecutor) browser).executeScript("var dt = new DataTransfer();"
                + "dt.items.add(new File(['patient_id,os_months,os_event\\na,-1,1\\nb,2,7\\n'],"
                + " 'bad.csv', {type: 'text/csv'}));"
                + "document.getElementById('drop-zone').dispatchEvent(new DragEvent('drop',"
                + " {dataTransfer: dt, bubbles: true, cancelable: true}));");
        assertEquals("bad.csv (43 bytes)", browser.findElement(By.id("drop-file-name"))
                .getText());
        browser.findElement(By.id("upload-submit")).click();
        waiting().until(d -> d.findElements(By.id("upload-problems")).size() == 1);
        assertTrue(browser.findElement(By.id("upload-error")).getText().startsWith(
                "Not uploaded (422): "), browser.findElement(By.id("upload-error")).getText());
        assertEquals(List.of("Row", "Column", "Expected"), cells("#upload-problems thead th"));
        assertEquals(List.of("2", "os_months"), cells("#upload-problems tbody tr:nth-child(1) "
                + "td").subList(0, 2));
        assertEquals(List.of("3", "os_event"), cells("#upload-problems tbody tr:nth-child(2) "
                + "td").subList(0, 2));
        assertEquals(0, browser.findElements(By.id("new-cohort-link")).size());
        screenshot("12-upload-problems");

        // value labels in the form's field: refused with the value named, then stored
        Path labelled = Files.writeString(work.resolve("labelled.csv"),
                "patient_id,os_months,os_event,sex\na,5,1,1\nb,6,0,2\nc,9,1,1\n");
        name.clear();
        name.sendKeys("browser-labels");
        WebElement labels = browser.findElement(By.id("upload-labels"));
        labels.sendKeys("sex:1=male,3=other");
        browser.findElement(By.id("upload-file")).sendKeys(labelled.toAbsolutePath().toString());
        browser.findElement(By.id("upload-submit")).click();
        waiting().until(d -> d.findElements(By.id("upload-error")).size() == 1
                && d.findElement(By.id("upload-error")).getText().contains("labels"));
        assertEquals("Not uploaded (422): labels: sex has no value '3' (its values: 1, 2); label "
                + "only values that occur in the column.", browser.findElement(
                        By.id("upload-error")).getText());
        labels.clear();
        labels.sendKeys("sex:1=male,2=female");
        browser.findElement(By.id("upload-submit")).click();
        waiting().until(d -> d.findElements(By.id("new-cohort-link")).size() == 1);
        assertEquals("Value labels stored for: sex.", browser.findElement(
                By.id("upload-labels-stored")).getText());
        browser.findElement(By.id("new-cohort-link")).click();
        waiting().until(d -> d.findElements(By.id("value-labels")).size() == 1);
        assertEquals(List.of("sex", "2", "female"), cells("#value-labels tbody tr:nth-child(2) "
                + "td"));
        consoleIsClean();
    }

    @Test
    @Order(2)
    @DisplayName("the admin creates a token (shown once, works), revokes it (401 after), and "
            + "deletes a cohort through its confirmation")
    void adminTokensAndDelete() throws Exception {
        logIn(TOKEN);
        browser.findElement(By.id("tokens-link")).click();
        waiting().until(d -> d.findElements(By.id("token-name")).size() == 1);
        browser.findElement(By.id("token-name")).sendKeys("ward 7 tablet");
        new Select(browser.findElement(By.id("token-role"))).selectByValue("clinician");
        browser.findElement(By.id("create-token")).click();
        waiting().until(d -> d.findElements(By.id("new-token")).size() == 1);
        String token = browser.findElement(By.id("new-token")).getText();
        assertTrue(token.startsWith("osv_"), token);
        assertEquals(200, api("GET", "/api/cohorts", token, null, null).statusCode());
        String id = token.substring(4, token.indexOf('.'));
        WebElement row = browser.findElement(By.cssSelector("tr[data-token-id='" + id + "']"));
        assertEquals("active", row.findElements(By.tagName("td")).get(3).getText());
        screenshot("13-token-created");

        row.findElement(By.cssSelector("button.revoke")).click();
        waiting().until(d -> d.getCurrentUrl().equals(url("/tokens")) && d.findElement(
                By.cssSelector("tr[data-token-id='" + id + "'] td:nth-child(4)")).getText()
                .startsWith("revoked "));
        assertEquals(0, browser.findElements(By.id("new-token")).size(), "shown once");
        assertEquals(401, api("GET", "/api/cohorts", token, null, null).statusCode());

        String cohort = new io.vertx.core.json.JsonObject(api("POST",
                "/api/cohorts?name=browser-delete", TOKEN, "text/csv",
                "patient_id,os_months,os_event\na,1,1\nb,2,0\n").body()).getString("id");
        browser.get(url("/cohorts/" + cohort));
        browser.findElement(By.id("delete-cohort")).click();
        waiting().until(d -> d.findElements(By.id("confirm-delete")).size() == 1);
        assertEquals("Delete browser-delete, version 1?", browser.findElement(By.tagName("h1"))
                .getText());
        screenshot("14-delete-confirmation");
        browser.findElement(By.id("cancel-delete")).click();
        waiting().until(d -> d.getCurrentUrl().equals(url("/cohorts/" + cohort)));
        assertEquals(200, api("GET", "/api/cohorts/" + cohort, TOKEN, null, null).statusCode(),
                "cancel keeps it");
        browser.findElement(By.id("delete-cohort")).click();
        waiting().until(d -> d.findElements(By.id("confirm-delete")).size() == 1);
        browser.findElement(By.id("confirm-delete")).click();
        waiting().until(d -> d.getCurrentUrl().equals(url("/")));
        assertTrue(browser.findElements(By.linkText("browser-delete")).isEmpty());
        assertEquals(404, api("GET", "/api/cohorts/" + cohort, TOKEN, null, null).statusCode());
        consoleIsClean();
    }
}
