package cn.courtmediation.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium for console tests: Debian's chromium and chromedriver (CHROMIUM_BIN, CHROMEDRIVER_BIN), driven
 * by Selenium; signs in through the console's form and saves screenshots under target/screenshots/.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private final WebDriver driver;
    private final WebDriverWait waiting;
    private final String tlsBase;

    public HeadlessChromium(String tlsBase) {
        this.tlsBase = tlsBase;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        // the hub's TLS certificate is issued by its own CA, which this browser profile does not know
        options.setAcceptInsecureCerts(true);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")).toFile())
                .build();
        driver = new ChromeDriver(service, options);
        waiting = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return waiting;
    }

    /** Opens a console path (relative to the HTTPS base). */
    public void open(String path) {
        driver.get(tlsBase + path);
    }

    /** Signs in with the form at /console/login and waits for the Overview. */
    public void signIn(String user, String password) {
        open("/console/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("signin")).click();
        waiting.until(ExpectedConditions.urlMatches(".*/console/?$"));
    }

    /** Saves the page as target/screenshots/{name}.png. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SHOTS);
            Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
