package cn.courtmediation.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.registry.Participant.Channel;
import cn.courtmediation.hub.support.HeadlessChromium;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.Operators;
import cn.courtmediation.hub.support.TestMessages;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In real headless Chromium (Debian's chromium and chromedriver, driven by Selenium): an engineer signs in, finds a
 * message by its court case number typed in Chinese, opens it and sees its case number, its numbers masked, its
 * signature and evidence; opens the court's participant page and sends a test message. Screenshots of the Participants,
 * participant, Messages, message and Alerts pages go to target/screenshots/.
 */
class MessageSearchBrowserIT extends HubIntegrationTest {
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait waiting;
    private String user;
    private String password;

    @BeforeAll
    void startBrowser() {
        chromium = new HeadlessChromium(tlsBase());
        browser = chromium.driver();
        waiting = chromium.waiting();
        user = "browser-" + UUID.randomUUID().toString().substring(0, 6);
        password = Operators.create(https(), tlsBase(), adminAuth(), user, Caller.Role.ENGINEER);
    }

    @AfterAll
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private void shot(String name) {
        chromium.screenshot(name);
    }

    @Test
    void anEngineerFindsAMessageByItsChineseCourtCaseNumberAndOpensIt() throws Exception {
        String court = newCourt("BR", Channel.REST);
        String partner = newPartner("BP");
        String caseNumber = "(2026)京0105民诉前调" + (100000 + new java.util.Random().nextInt(900000)) + "号";
        ObjectNode m = TestMessages.fresh("case-dispatch.json", "C110105", partner, x -> x.with("body").put("caseNumber", caseNumber));
        byte[] body = TestMessages.bytes(m);
        assertThat(postMessage(body, signers.sign("C110105", body)).statusCode()).isEqualTo(202);
        String id = m.get("messageId").asText();

        chromium.signIn(user, password);

        browser.get(tlsBase() + "/console/messages");
        browser.findElement(By.name("caseNumber")).sendKeys(caseNumber);
        browser.findElement(By.cssSelector("#message-search button[type=submit]")).click();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("message-results")));
        shot("messages");
        browser.findElement(By.cssSelector("#message-results a[title='" + id + "']")).click();

        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("payload")));
        assertThat(browser.getCurrentUrl()).endsWith("/console/messages/" + id);
        assertThat(browser.findElement(By.id("case-number")).getText()).isEqualTo(caseNumber);
        String payload = browser.findElement(By.id("payload")).getText();
        assertThat(payload).contains("[masked]", caseNumber).doesNotContain("110105199001011234").doesNotContain("13800138000");
        assertThat(browser.findElement(By.id("signature")).getText()).startsWith("Valid");
        assertThat(browser.findElement(By.id("evidence")).getText()).containsIgnoringCase("SUBMISSION_ACCEPTED");
        shot("message");

        browser.get(tlsBase() + "/console/participants?q=" + court);
        shot("participants");
        browser.findElement(By.linkText(court)).click();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("send-test-message"))).click();
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("check-result")));
        assertThat(browser.findElement(By.id("check-result")).getText()).contains("DELIVERED");
        shot("participant");

        browser.get(tlsBase() + "/console/alerts?state=ALL");
        waiting.until(ExpectedConditions.presenceOfElementLocated(By.id("open-count")));
        shot("alerts");
    }
}
