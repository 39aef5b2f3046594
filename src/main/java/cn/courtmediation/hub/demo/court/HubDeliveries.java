package cn.courtmediation.hub.demo.court;

import cn.courtmediation.hub.error.ErrorCode;
import cn.courtmediation.hub.error.HubException;
import cn.courtmediation.hub.trust.Cms;
import cn.courtmediation.hub.trust.HubKeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Checks a delivery to the demo trial system as docs/interfaces.md 6 asks every trial system to: the hub's detached CMS
 * signature over the exact payload bytes, made with one of the hub's signing certificates. A participant's signature,
 * though also from the hub CA, is not the hub's.
 */
@Component
class HubDeliveries {
    private final HubKeyStore keys;

    HubDeliveries(HubKeyStore keys) {
        Cms.registerProvider();
        this.keys = keys;
    }

    /** Returns quietly when the hub signed these bytes; otherwise SIGNATURE_MISSING, SIGNATURE_INVALID or CERT_UNKNOWN. */
    void verify(byte[] payload, String base64Signature) {
        if (base64Signature == null || base64Signature.isBlank()) {
            throw new HubException(ErrorCode.SIGNATURE_MISSING, "The demo trial system takes only deliveries the hub signed:"
                    + " X-Hub-Signature (REST) or hubSignature (SOAP) is missing.");
        }
        X509Certificate signer;
        try {
            signer = Cms.verify(payload, Base64.getDecoder().decode(base64Signature.strip())).signer();
        } catch (IllegalArgumentException | Cms.InvalidSignature e) {
            throw new HubException(ErrorCode.SIGNATURE_INVALID, "The hub's signature on this delivery does not verify: "
                    + e.getMessage());
        }
        // inside the hub, the hub's own keystore says which certificates are its signing certificates (the current one,
        // and earlier ones around a rotation): no chain to check
        if (!signer.equals(keys.signing().certificate()) && !keys.signingCertificates().contains(signer)) {
            throw new HubException(ErrorCode.CERT_UNKNOWN, "The delivery is signed by " + signer.getSubjectX500Principal().getName()
                    + ", not with one of the hub's signing certificates (CN=HUB, OU=signing, /pki/hub-signing.pem).");
        }
    }
}
