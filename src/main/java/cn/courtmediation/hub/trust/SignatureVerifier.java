package cn.courtmediation.hub.trust;

import cn.courtmediation.hub.contract.Envelope;
import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Checks the sender's signature on every inbound message, whatever the channel: it must verify over the
 * exact payload, and its certificate must be issued by the hub CA, valid at signing time and now, not
 * revoked (checked in the database on every use), and name the envelope's sender. Each failure has its code.
 */
@Component("signatureVerifier")
public class SignatureVerifier {
    /** What the store keeps (messages.sender_signature); a one-signer CMS with its certificate is 1-4 k. */
    static final int MAX_SIGNATURE_LENGTH = 16000;

    private final HubKeyStore keys;
    private final CertificateStore certificates;
    private final Clock clock;
    private final boolean enforce;
    /**
     * Certificates whose issuer signature verified, with the CA certificate that verified it: Cms hands back the same
     * certificate object for the same signer, so a court's next message skips the check (a CA rotation is another
     * object and checks again). Only successes are kept; weak keys and bounded, since certificates come from input.
     */
    private final Cache<X509Certificate, X509Certificate> issuedBy = Caffeine.newBuilder().weakKeys().maximumSize(20_000).build();

    SignatureVerifier(HubKeyStore keys, CertificateStore certificates, Clock clock, TrustSettings trust) {
        this.keys = keys;
        this.certificates = certificates;
        this.clock = clock;
        this.enforce = trust.enforce();
    }

    /** Who signed, and when the signature says it was made. */
    public record Signer(String serial, Instant signingTime) {
    }

    /**
     * A validated envelope and its detached signature (base64 DER CMS, as received; null when none came): the signer, or
     * a refusal with its code. Null only when the hub does not enforce signatures and none came.
     */
    public Signer verify(Envelope e, String signature) {
        if (signature == null || signature.isBlank()) {
            if (!enforce) {
                return null;
            }
            throw refuse(ErrorCode.SIGNATURE_MISSING, "The message is not signed: send a detached CMS signature over the exact"
                    + " payload bytes (REST header X-Hub-Signature, SOAP header HubSignature, AMQP property hubSignature).", e);
        }
        if (signature.length() > MAX_SIGNATURE_LENGTH) {
            throw refuse(ErrorCode.SIGNATURE_INVALID, "The signature is " + signature.length() + " characters; at most "
                    + MAX_SIGNATURE_LENGTH + " are accepted (one signer, its certificate, no chain).", e);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(signature.trim());
        } catch (IllegalArgumentException ex) {
            throw refuse(ErrorCode.SIGNATURE_INVALID, "The signature is not base64.", e);
        }
        Cms.Verified verified;
        try {
            verified = Cms.verify(e.payload(), der);
        } catch (Cms.InvalidSignature ex) {
            throw refuse(ErrorCode.SIGNATURE_INVALID, "The signature is invalid: " + ex.getMessage()
                    + ". Sign the exact bytes you send (openssl cms -sign -binary ... -outform DER).", e);
        }
        X509Certificate cert = verified.signer();
        String serial = CertificateStore.serialOf(cert);
        if (!issuedByHub(cert)) {
            throw refuse(ErrorCode.CERT_UNKNOWN, "The signer's certificate (" + cert.getSubjectX500Principal().getName()
                    + ") was not issued by the hub CA; request one from the hub (docs/interfaces.md, Trust).", e);
        }
        CertificateStore.Standing issued = certificates.standing(serial).orElseThrow(() -> refuse(ErrorCode.CERT_UNKNOWN,
                "The signer's certificate " + serial + " is not in the hub's certificate records.", e));
        if ("REVOKED".equals(issued.status())) {
            throw refuse(ErrorCode.CERT_REVOKED, "The signer's certificate " + serial + " was revoked at " + issued.revokedAt() + ".", e);
        }
        Instant now = clock.instant();
        if (!validAt(cert, verified.signingTime()) || !validAt(cert, now)) {
            throw refuse(ErrorCode.CERT_EXPIRED, "The signer's certificate " + serial + " is valid from " + cert.getNotBefore().toInstant()
                    + " to " + cert.getNotAfter().toInstant() + "; the signature was made at " + verified.signingTime()
                    + " and checked at " + now + ".", e);
        }
        String named = Certificates.commonName(cert);
        if (!e.sender().equals(named)) {
            throw refuse(ErrorCode.SENDER_MISMATCH, "The message names sender " + e.sender() + " but is signed with the certificate of "
                    + named + ".", e);
        }
        return new Signer(serial, verified.signingTime());
    }

    private boolean issuedByHub(X509Certificate cert) {
        X509Certificate ca = keys.caCertificate();
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        if (issuedBy.getIfPresent(cert) == ca) {
            return true;
        }
        try {
            cert.verify(ca.getPublicKey(), "BC");
            issuedBy.put(cert, ca);
            return true;
        } catch (GeneralSecurityException ex) {
            return false;
        }
    }

    private static boolean validAt(X509Certificate cert, Instant t) {
        return !t.isBefore(cert.getNotBefore().toInstant()) && !t.isAfter(cert.getNotAfter().toInstant());
    }

    private static HubException refuse(ErrorCode code, String detail, Envelope e) {
        return new HubException(code, detail, e.messageId(), List.of());
    }
}
