package cn.courtmediation.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browsable face of the hub over real HTTP: the landing page at / and every link on it, Swagger UI over /api-doc
 * with its assets from the hub itself, and problem+json for requests no endpoint takes (NOT_FOUND, METHOD_NOT_ALLOWED),
 * while the Camel REST routes and the CXF services keep their own answers. Reads only; no participant or case of its own.
 */
class LandingPageIT extends HubIntegrationTest {
    private static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]+)\"");

    @Test
    void theLandingPageIsHtmlWhoseEveryLinkAnswers200() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Court Mediation Integration Hub", "signed", "Operations console");
        List<String> links = links(page.body());
        assertThat(links).contains("api-docs.html", "api-doc", "api-doc.yaml", "services/CaseExchange?wsdl",
                "schemas/CourtResult.wsdl", "schemas/message.schema.json", "actuator/health/readiness");
        // nothing from outside the hub: every link is relative to it
        assertThat(links).noneMatch(l -> l.contains("://") || l.startsWith("//"));
        // the console is on the HTTPS port: the plain port sends a browser there (ConsoleIT)
        assertThat(links).contains("console");
        for (String link : links.stream().filter(l -> !l.equals("console")).toList()) {
            HttpResponse<String> answer = get("/" + link);
            assertThat(answer.statusCode()).as(link).isEqualTo(200);
            assertThat(answer.body()).as(link).isNotBlank();
        }
        assertThat(get("/services/CaseExchange?wsdl").body()).contains("CaseExchange", "wsdl:definitions");
    }

    @Test
    void swaggerUiLoadsItsAssetsFromTheHubAndPointsAtTheContract() throws Exception {
        HttpResponse<String> page = get("/api-docs.html");

        assertThat(page.statusCode()).isEqualTo(200);
        List<String> assets = links(page.body());
        assertThat(assets).contains("webjars/swagger-ui/swagger-ui-bundle.js", "webjars/swagger-ui/swagger-ui.css", "api-docs.js");
        assertThat(assets).noneMatch(l -> l.contains("://") || l.startsWith("//"));
        for (String asset : assets) {
            HttpResponse<String> answer = get("/" + asset);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).as(asset)
                    .hasValueSatisfying(t -> assertThat(t).startsWith(asset.endsWith(".css") ? "text/css" : "text/javascript"));
        }
        assertThat(get("/webjars/swagger-ui/swagger-ui-bundle.js").body()).contains("SwaggerUIBundle");
        String init = get("/api-docs.js").body();
        assertThat(init).contains("SwaggerUIBundle(", "\"api-doc\"", "validatorUrl: null");
        JsonNode contract = JSON.readTree(get("/api-doc").body());
        assertThat(contract.at("/openapi").asText()).startsWith("3.1");
        assertThat(contract.at("/paths").has("/api/v1/messages")).isTrue();
    }

    @Test
    void anUnknownPathIsProblemJsonNotFoundForGetAndPost() throws Exception {
        String unknown = "/no-such-page-" + UUID.randomUUID();
        assertProblem(get(unknown), 404, "NOT_FOUND");
        assertProblem(send("POST", unknown), 404, "NOT_FOUND");
        assertProblem(send("DELETE", unknown), 404, "NOT_FOUND");
        assertProblem(get("/schemas/no-such-schema.json"), 404, "NOT_FOUND");
        assertProblem(get("/webjars/swagger-ui/no-such-file.js"), 404, "NOT_FOUND");
        // a browser asking for HTML gets the same problem
        HttpResponse<String> browser = http.send(HttpRequest.newBuilder(URI.create(base() + unknown)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode problem = assertProblem(browser, 404, "NOT_FOUND");
        assertThat(problem.get("detail").asText()).contains("GET " + unknown);
    }

    @Test
    void aKnownPathWithAnotherMethodIsProblemJsonMethodNotAllowedWithAllow() throws Exception {
        HttpResponse<String> putIntake = send("PUT", "/api/v1/messages");
        assertProblem(putIntake, 405, "METHOD_NOT_ALLOWED");
        assertThat(putIntake.headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> postLanding = send("POST", "/");
        assertProblem(postLanding, 405, "METHOD_NOT_ALLOWED");
        assertThat(postLanding.headers().firstValue("Allow")).hasValue("GET");

        HttpResponse<String> deleteContract = send("DELETE", "/api-doc");
        assertProblem(deleteContract, 405, "METHOD_NOT_ALLOWED");
        assertThat(deleteContract.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void theRestRoutesAndSoapServicesKeepTheirOwnAnswers() throws Exception {
        String id = UUID.randomUUID().toString();
        JsonNode notFound = assertProblem(getAsOperator(cn.courtmediation.hub.access.Caller.Role.VIEWER, "/api/v1/messages/" + id), 404, "NOT_FOUND");
        assertThat(notFound.get("detail").asText()).contains("No message with messageId " + id);
        assertProblem(postMessage("{}".getBytes(StandardCharsets.UTF_8), null), 422, "SCHEMA_VIOLATION");

        HttpResponse<String> soap = postSoap(soapSubmitEnvelope("bm90IGpzb24=", null));
        assertThat(soap.statusCode()).isEqualTo(500);
        assertThat(soap.body()).contains("HubFaultDetail", "<code>MALFORMED</code>");
        // a path under /services that names no service: a SOAP fault NOT_FOUND (CXF wrote an HTML page)
        HttpResponse<String> noService = get("/services/no-such-service");
        assertThat(noService.statusCode()).isEqualTo(404);
        assertThat(noService.body()).contains("<faultcode>soap:Client</faultcode>", "<code>NOT_FOUND</code>").doesNotContain("<html");
    }

    private static List<String> links(String html) {
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode assertProblem(HttpResponse<String> answer, int status, String code) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isEqualTo("urn:courtmediation:problem:" + code);
        return problem;
    }
}
