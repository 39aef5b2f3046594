package cn.courtmediation.hub.trust;

import cn.courtmediation.hub.contract.Envelope;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Validates the parties' own CMS signatures on documents a message carries (case attachments, a
 * mediation agreement) and builds a validation report per document, in the spirit of e-CODEX's trust-ok
 * token. The hub never sees the documents: each signature's signed message digest must equal the
 * document's declared SHA-256, and the signature over its attributes must verify. A failed document
 * signature does not refuse the message; the report says so and travels with it.
 */
@Component("documentSignatures")
public class DocumentSignatures {
    private final HubKeyStore keys;
    private final ObjectMapper json;

    DocumentSignatures(HubKeyStore keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** The validation report (JSON bytes) of a validated envelope's signed documents; null when no document carries signatures. */
    public byte[] validate(Envelope e) throws JsonProcessingException {
        List<JsonNode> documents = new ArrayList<>();
        e.body().path("attachments").forEach(documents::add);
        if (e.body().has("agreement")) {
            documents.add(e.body().get("agreement"));
        }
        // case events: the document a step produced, and each party's signed consent to an extension
        if (e.body().has("document")) {
            documents.add(e.body().get("document"));
        }
        e.body().path("consents").forEach(consent -> {
            if (consent.has("document")) {
                documents.add(consent.get("document"));
            }
        });
        List<Map<String, Object>> reports = new ArrayList<>();
        boolean allValid = true;
        for (JsonNode doc : documents) {
            if (!doc.has("signatures")) {
                continue;
            }
            List<Map<String, Object>> checks = new ArrayList<>();
            for (JsonNode sig : doc.get("signatures")) {
                Map<String, Object> check = check(doc.get("sha256").asText(), sig);
                allValid &= "VALID".equals(check.get("status"));
                checks.add(check);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", doc.get("name").asText());
            r.put("sha256", doc.get("sha256").asText());
            r.put("signatures", checks);
            reports.add(r);
        }
        if (!reports.isEmpty()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("messageId", e.messageId());
            report.put("allValid", allValid);
            report.put("documents", reports);
            return json.writeValueAsBytes(report);
        }
        return null;
    }

    private Map<String, Object> check(String sha256Hex, JsonNode sig) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("signer", sig.get("signer").asText());
        try {
            Cms.Verified v = Cms.verifyDigest(HexFormat.of().parseHex(sha256Hex),
                    Base64.getMimeDecoder().decode(sig.get("cms").asText()));
            X509Certificate cert = v.signer();
            c.put("status", "VALID");
            c.put("certificateSubject", cert.getSubjectX500Principal().getName());
            c.put("certificateIssuer", cert.getIssuerX500Principal().getName());
            c.put("issuedByHubCa", issuedByHub(cert));
            c.put("signingTime", v.signingTime().toString());
            c.put("certificateValidAtSigningTime", !v.signingTime().isBefore(cert.getNotBefore().toInstant())
                    && !v.signingTime().isAfter(cert.getNotAfter().toInstant()));
        } catch (Cms.InvalidSignature | IllegalArgumentException ex) {
            c.put("status", "INVALID");
            c.put("detail", ex.getMessage());
        }
        return c;
    }

    private boolean issuedByHub(X509Certificate cert) {
        try {
            cert.verify(keys.caCertificate().getPublicKey(), "BC");
            return true;
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }
}
