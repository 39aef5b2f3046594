package cn.courtmediation.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.courtmediation.hub.access.Caller;
import cn.courtmediation.hub.support.ConsoleBrowser;
import cn.courtmediation.hub.support.HubIntegrationTest;
import cn.courtmediation.hub.support.Operators;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The console in a real headless Chromium, signed in as each role through the form: a viewer sees every page but no
 * action and not the audit, and a POST it forges is refused; an engineer sees the actions; an admin also the audit. A
 * wrong password shows the error and gives no session. Screenshots of each page under target/console-screenshots/.
 */
class ConsoleRolesBrowserIT extends HubIntegrationTest {
    private static final List<String> PAGES = List.of("routes", "queues", "participants", "messages", "failures", "alerts", "statistics");

    @BeforeEach
    void browserPresent() {
        assumeTrue(ConsoleBrowser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)");
    }

    private String account(Caller.Role role) {
        String user = role.name().toLowerCase() + "-b-" + UUID.randomUUID().toString().substring(0, 6);
        return user + ":" + Operators.create(https(), tlsBase(), adminAuth(), user, role);
    }

    @Test
    void aViewerSeesEveryPageButNoActionNorTheAuditAndIsRefusedAPost() throws Exception {
        String[] up = account(Caller.Role.VIEWER).split(":", 2);
        try (ConsoleBrowser b = new ConsoleBrowser(tlsBase(), "viewer")) {
            b.signIn(up[0], up[1]);
            assertThat(b.url()).endsWith("/console");
            assertThat(b.text()).contains("Overview", up[0], "viewer", "Messages per minute").doesNotContain("Audit trail");
            b.wait(Duration.ofSeconds(15)).until(d -> !d.findElements(By.cssSelector("#chart-traffic canvas")).isEmpty());
            b.screenshot("overview");
            for (String page : PAGES) {
                b.open("/console/" + page);
                assertThat(b.html()).as(page).doesNotContain("problem+json");
                b.screenshot(page);
            }
            b.open("/console/routes");
            assertThat(b.driver().findElements(By.cssSelector("#routes form"))).isEmpty();
            b.open("/console/audit");
            assertThat(b.text()).contains("FORBIDDEN").doesNotContain("Audit trail");
            // a forged form: the viewer's own session and CSRF token, a POST its role may not make
            b.open("/console/routes");
            b.driver().executeScript("const f = document.createElement('form'); f.method = 'post';"
                    + " f.action = '/console/routes/certificate-expiry-check/stop';"
                    + " const t = document.createElement('input'); t.type = 'hidden'; t.name = '_csrf';"
                    + " t.value = document.querySelector('meta[name=csrf-token]').content; f.appendChild(t);"
                    + " document.body.appendChild(f); f.submit();");
            b.wait(Duration.ofSeconds(15)).until(d -> d.getPageSource().contains("FORBIDDEN"));
            assertThat(b.text()).contains("needs an operator with role engineer or admin");
        }
    }

    @Test
    void anEngineerSeesTheActionsAndAnAdminTheAuditOfWhatWasDone() throws Exception {
        String[] eng = account(Caller.Role.ENGINEER).split(":", 2);
        try (ConsoleBrowser b = new ConsoleBrowser(tlsBase(), "engineer")) {
            b.signIn(eng[0], eng[1]).open("/console/routes");
            assertThat(b.driver().findElements(By.cssSelector("#routes form button"))).isNotEmpty();
            b.screenshot("routes");
            // stop a route with its button (a confirmation first), see it stopped, start it again
            b.find(By.cssSelector("#route-certificate-expiry-check button.danger")).click();
            b.wait(Duration.ofSeconds(10)).until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).accept();
            b.wait(Duration.ofSeconds(15)).until(d -> d.getPageSource().contains("it is now stopped"));
            assertThat(b.find(By.cssSelector("#route-certificate-expiry-check .badge")).getText()).isEqualTo("stopped");
            b.screenshot("route-stopped");
            b.find(By.cssSelector("#route-certificate-expiry-check form button")).click();
            b.wait(Duration.ofSeconds(15)).until(d -> d.getPageSource().contains("it is now started"));
            b.open("/console/routes/message-intake-accept");
            assertThat(b.find(By.id("source")).getText()).contains("Canonical intake");
            b.screenshot("route");
            b.open("/console/audit");
            assertThat(b.text()).contains("FORBIDDEN");
        }
        String[] adm = account(Caller.Role.ADMIN).split(":", 2);
        try (ConsoleBrowser b = new ConsoleBrowser(tlsBase(), "admin")) {
            b.signIn(adm[0], adm[1]);
            assertThat(b.text()).contains("Audit trail");
            b.open("/console/audit?actor=" + eng[0]);
            assertThat(b.text()).contains("/console/login", "/console/routes/certificate-expiry-check/stop",
                    "/console/routes/certificate-expiry-check/start", eng[0], "engineer");
            b.screenshot("audit");
            b.open("/console/statistics");
            b.screenshot("statistics");
            b.find(By.cssSelector("header .who button")).click();
            b.wait(Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/console/login"));
            assertThat(b.text()).contains("You are signed out");
            b.open("/console/queues");
            assertThat(b.url()).endsWith("/console/login");
        }
    }

    @Test
    void aWrongPasswordShowsAnErrorAndGivesNoSession() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser(tlsBase(), "wrong-password")) {
            b.open("/console/login");
            b.screenshot("login");
            b.find(By.id("username")).sendKeys("admin");
            b.find(By.id("password")).sendKeys("not-the-password");
            b.find(By.id("signin")).click();
            b.wait(Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith("/console/login?error"));
            assertThat(b.find(By.id("signin-error")).getText()).contains("Wrong user name or password");
            b.screenshot("login-error");
            b.open("/console");
            assertThat(b.url()).endsWith("/console/login");
        }
    }
}
