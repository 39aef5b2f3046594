package cn.courtmediation.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.Operators;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Failures page in real headless Chromium (Debian's chromium and chromedriver): a court is stopped and its messages
 * become dead letters, the court comes back, an engineer signs in, selects them on the page and replays them; the job's
 * progress refreshes live to FINISHED, the court receives each exactly once, and the audit trail shows the replay.
 * Screenshots: target/screenshots/failures-*.png.
 */
class FailuresBrowserIT extends HubIntegrationTest {
    private static final String SENDER = "C110105";
    private final String user = "failures-browser-" + UUID.randomUUID().toString().substring(0, 6);
    private String password;
    private WebDriver browser;

    @BeforeAll
    void openBrowser() {
        password = Operators.create(https(), tlsBase(), operator(Caller.Role.ADMIN), user, Caller.Role.ENGINEER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        // the hub's certificate is issued by its own test CA, which the browser does not know
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--ignore-certificate-errors",
                "--window-size=1400,1500");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String submit(String recipient) throws Exception {
        ObjectNode m = TestMessages.fresh("notice.json", SENDER, recipient, n -> n.put("caseId", "FB-" + UUID.randomUUID()));
        byte[] body = TestMessages.bytes(m);
        HttpResponse<String> r = postMessage(body, signers.sign(SENDER, body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return m.get("messageId").asText();
    }

    String status(String messageId) {
        return jdbc.queryForObject("select status from messages where message_id = ?", String.class, messageId);
    }

    void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve("failures-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aStoppedCourtsDeadLettersAreReplayedFromThePageAndDeliveredExactlyOnceWithTheReplayAudited() throws Exception {
        String court = newCourt("FW", Channel.REST);
        courts.failing(court, true);
        String first = submit(court);
        String second = submit(court);
        await().atMost(Duration.ofSeconds(120)).until(() -> status(first).equals("FAILED") && status(second).equals("FAILED"));
        courts.failing(court, false);

        browser.get(tlsBase() + "/console/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("signin")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/console"));

        browser.get(tlsBase() + "/console/failures?recipient=" + court);
        assertThat(browser.findElement(By.id("dead-letter-total")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.id("dead-letter-table")).getText()).contains(first, second);
        screenshot("dead-letters");

        browser.findElement(By.id("select-all")).click();
        browser.findElement(By.id("replay-selected")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("notice")).isEmpty());
        assertThat(browser.findElement(By.id("notice")).getText()).contains("2 selected dead letter(s)");

        // the job's row refreshes by itself (failures.js) until it is FINISHED
        try {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    browser.findElement(By.cssSelector("#job-table tbody tr .badge.state")).getText().equalsIgnoreCase("FINISHED"));
        } finally {
            // what the page looked like, for a failure's diagnosis and a look at the page
            screenshot("jobs");
            Files.writeString(Path.of("target", "screenshots", "failures-jobs.html"), browser.getPageSource());
        }
        assertThat(browser.findElement(By.cssSelector("#job-table tbody tr .replayed")).getText()).isEqualTo("2");
        // once the job has ended the page shows the dead letters without them (fetched again, or rendered after the job)
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("dead-letter-total")).getText().equals("0"));
        screenshot("replayed");

        await().atMost(Duration.ofSeconds(30)).until(() -> status(first).equals("DELIVERED") && status(second).equals("DELIVERED"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> courts.receivedBy(court).size() == 2);
        Map<String, Long> received = courts.receivedBy(court).stream()
                .collect(Collectors.groupingBy(r -> r.headers().get("x-hub-message-id"), Collectors.counting()));
        assertThat(received).containsOnlyKeys(first, second).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));

        JsonNode audit = JSON.readTree(admin("GET", "/admin/audit?after=0&limit=1000", null).body()).get("entries");
        boolean replayAudited = false;
        for (JsonNode e : audit) {
            replayAudited |= e.get("actor").asText().equals(user) && e.get("path").asText().equals("/console/failures/replay");
        }
        assertThat(replayAudited).as("POST /console/failures/replay by %s in the audit trail", user).isTrue();
    }
}
