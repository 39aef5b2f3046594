package cn.courtmediation.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, never a downloaded browser) on the hub's console:
 * signs in as an operator, opens pages, and saves a screenshot of each under target/console-screenshots/
 * <test>-<page>.png to be looked at. One fresh profile per browser; close() ends Chromium and its driver.
 */
public final class ConsoleBrowser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private final ChromeDriver driver;
    private final String tlsBase;
    private final String test;
    private final Path profile;

    public ConsoleBrowser(String tlsBase, String test) {
        this.tlsBase = tlsBase;
        this.test = test;
        try {
            this.profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the hub's TLS certificate is issued by a CA made for the test: the browser does not know it
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--ignore-certificate-errors", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** True when this machine has the browser and its driver (the tests are skipped otherwise, .ci/run installs them). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens the sign-in form, types user and password, submits, and waits for the next page. */
    public ConsoleBrowser signIn(String user, String password) {
        open("/console/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("signin")).click();
        wait(Duration.ofSeconds(15)).until(d -> !d.getCurrentUrl().endsWith("/console/login"));
        return this;
    }

    /** Opens a path of the hub (its HTTPS port) and waits for the page to load. */
    public ConsoleBrowser open(String path) {
        driver.get(tlsBase + path);
        wait(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
        return this;
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String html() {
        return driver.getPageSource();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public WebDriverWait wait(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    /** Saves the window as target/console-screenshots/<test>-<page>.png and answers the file. */
    public Path screenshot(String page) {
        try {
            Files.createDirectories(SHOTS);
            Path file = SHOTS.resolve(test + "-" + page + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
