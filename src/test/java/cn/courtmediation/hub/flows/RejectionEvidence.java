package cn.courtmediation.hub.flows;

import static org.assertj.core.api.Assertions.assertThat;

import cn.courtmediation.hub.trust.Cms;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Reads a refused submission's evidence as an operator does: GET /api/v1/messages/{quarantineId}/evidence, the document verified. */
final class RejectionEvidence {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RejectionEvidence() {
    }

    /**
     * Asserts that the quarantine id the refusal named holds one hub-signed SUBMISSION_REJECTED evidence with these facts,
     * and that the messageId the input claimed got none (unauthenticated input adds nothing to a message's trail).
     */
    static void assertFiledUnderQuarantineId(HttpClient https, String tlsBase, String authorization, X509Certificate hubCa,
                                             String quarantineId, String code, String ingress, String claimedMessageId) throws Exception {
        HttpResponse<String> r = get(https, authorization, tlsBase + "/api/v1/messages/" + quarantineId + "/evidence");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode trail = JSON.readTree(r.body());
        assertThat(trail.get("messageId").asText()).isEqualTo(quarantineId);
        assertThat(trail.get("evidences")).hasSize(1);
        JsonNode evidence = trail.get("evidences").get(0);
        assertThat(evidence.get("kind").asText()).isEqualTo("SUBMISSION_REJECTED");
        byte[] document = Base64.getDecoder().decode(evidence.get("document").asText());
        Cms.Verified signed = Cms.verify(document, Base64.getDecoder().decode(evidence.get("signature").asText()));
        signed.signer().verify(hubCa.getPublicKey());
        JsonNode content = JSON.readTree(document);
        assertThat(content.get("code").asText()).isEqualTo(code);
        assertThat(content.get("ingressChannel").asText()).isEqualTo(ingress);
        assertThat(content.get("quarantineId").asText()).isEqualTo(quarantineId);
        assertThat(content.get("messageId").asText()).isEqualTo(quarantineId);
        assertThat(content.get("claimedMessageId").asText()).isEqualTo(claimedMessageId);
        assertThat(get(https, authorization, tlsBase + "/api/v1/messages/" + claimedMessageId + "/evidence").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(HttpClient https, String authorization, String url) throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
    }
}
